// One memo for values derived from an object (a format declaration, a physical row, a table part):
// computed on first use, kept as long as the object lives. Replaces hand-written WeakMap caches.
import { flatCopy } from './text.js';

/** `memo(f)(key)` computes `f(key)` once per key object. */
export function memo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key: K): V => {
    // One lookup in the common case (a value that is not undefined).
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as V;
    const value = compute(key);
    cache.set(key, value);
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
