// memo (core/memo.ts): one value per key object, kept on the key where no copy of it sees it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memo, memo2, memoText } from '../../server/src/core/memo.js';

describe('memo', () => {
  it('computes once per key, and again for another key', () => {
    let calls = 0;
    const f = memo((o: { n: number }) => (calls++, o.n * 2));
    const a = { n: 1 };
    const b = { n: 2 };
    assert.equal(f(a), 2);
    assert.equal(f(a), 2);
    assert.equal(f(b), 4);
    assert.equal(calls, 2);
  });

  it('remembers undefined and null as values', () => {
    let calls = 0;
    const u = memo((_o: object) => (calls++, undefined));
    const n = memo((_o: object) => (calls++, null));
    const k = {};
    u(k);
    u(k);
    n(k);
    n(k);
    assert.equal(calls, 2);
  });

  it('is invisible on the key: not among its keys, not in its JSON, not carried by a spread copy', () => {
    let calls = 0;
    const f = memo((o: { n: number }) => (calls++, { twice: o.n * 2 }));
    const key = { n: 3 };
    const value = f(key);
    assert.deepEqual(Object.keys(key), ['n']);
    assert.equal(JSON.stringify(key), '{"n":3}');
    // A report moved down the file is a spread copy (shift.ts): its values are its own, computed anew.
    const copy = { ...key, n: 4 };
    assert.deepEqual(f(copy), { twice: 8 });
    assert.notEqual(f(copy), value);
    assert.equal(calls, 2);
  });

  it('keeps separate values for separate memos on one key', () => {
    const a = memo((_o: object) => 'a');
    const b = memo((_o: object) => 'b');
    const k = {};
    assert.equal(a(k), 'a');
    assert.equal(b(k), 'b');
    assert.equal(a(k), 'a');
  });

  it('serves keys that take no property (frozen declarations) as well', () => {
    let calls = 0;
    const f = memo((o: { n: number }) => (calls++, o.n + 1));
    const frozen = Object.freeze({ n: 1 });
    assert.equal(f(frozen), 2);
    assert.equal(f(frozen), 2);
    assert.equal(calls, 1);
    assert.ok(Object.isFrozen(frozen));
  });

  it('memo2 computes once per pair', () => {
    let calls = 0;
    const f = memo2((a: { x: number }, b: { y: number }) => (calls++, a.x + b.y));
    const a = { x: 1 };
    const b = { y: 2 };
    const c = { y: 3 };
    assert.equal(f(a, b), 3);
    assert.equal(f(a, b), 3);
    assert.equal(f(a, c), 4);
    assert.equal(calls, 2);
  });

  it('memoText computes once per text, and stays bounded', () => {
    let calls = 0;
    const f = memoText((t: string) => (calls++, t.length), 4);
    for (let round = 0; round < 2; round++) for (const t of ['a', 'bb', 'ccc']) f(t);
    assert.equal(calls, 3);
    // Past its bound it starts again rather than growing.
    for (const t of ['d', 'e', 'f', 'g', 'h']) f(t);
    assert.equal(f('h'), 1);
    assert.equal(calls, 8);
  });
});
