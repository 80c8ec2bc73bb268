// One memo for values derived from an object (a report, a prose line, a format declaration, a table
// part): computed on first use, kept as long as the object lives. Replaces hand-written WeakMap caches.
import { flatCopy } from './text.js';

/**
 * `memo(f)(key)` computes `f(key)` once per key object. The value is kept on the key, in a property of
 * the memo's own that is not enumerable (a spread copy of the key, as shift.ts makes, starts without it).
 * Not in a WeakMap: entries of a WeakMap whose keys die young (a report, its prose lines) kept their values
 * through young-generation collections, promoting them; measured over 30,000 analyses, 58 full collections
 * instead of 1 and 40% of the time. Keys that take no property (frozen) fall back to a WeakMap.
 */
export function memo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const slot = Symbol('memo');
  const sealed = new WeakMap<K, V>();
  return (key: K): V => {
    const own = (key as Record<symbol, V | undefined>)[slot];
    if (own !== undefined || Object.hasOwn(key, slot)) return own as V;
    if (!Object.isExtensible(key)) {
      const known = sealed.get(key);
      if (known !== undefined || sealed.has(key)) return known as V;
      const value = compute(key);
      sealed.set(key, value);
      return value;
    }
    const value = compute(key);
    Object.defineProperty(key, slot, { value });
    return value;
  };
}

/** Memo on a pair of objects: `memo2(f)(a, b)`. */
export function memo2<A extends object, B extends object, V>(compute: (a: A, b: B) => V): (a: A, b: B) => V {
  const outer = memo((_a: A) => new WeakMap<B, V>());
  return (a: A, b: B): V => {
    const inner = outer(a);
    const known = inner.get(b);
    if (known !== undefined || inner.has(b)) return known as V;
    const value = compute(a, b);
    inner.set(b, value);
    return value;
  };
}

/**
 * Memo on a string, for pure functions of short texts that recur from report to report (the statutory
 * labels as written): a Map, emptied when it holds `max` entries, so its memory stays bounded whatever
 * the documents read. A text kept is copied first, and computed from the copy: a slice of a document
 * would keep the whole document alive (and an editor makes a new one per keystroke).
 */
export function memoText<V>(compute: (text: string) => V, max = 4096): (text: string) => V {
  const cache = new Map<string, V>();
  return (text: string): V => {
    let value = cache.get(text);
    if (value === undefined) {
      if (cache.size >= max) cache.clear();
      const own = flatCopy(text);
      cache.set(own, (value = compute(own)));
    }
    return value;
  };
}
