// The CLI's spool (cli/spool.ts) keeps a run's output pieces in memory up to a budget and on disk past
// it: every piece must come back as it went in, in any order, whichever side of the budget it is on, and
// the temporary file must not outlive the run.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Spool } from '../../server/src/cli/spool.js';

const spools = () => readdirSync(tmpdir()).filter((n) => n.startsWith('ogi-report-'));

// Pieces as the outputs make them: ASCII, CJK, characters outside the BMP, line breaks, and empty ones.
const piece = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', '{', '"', '\n', '\r', '表', '三', '𠮷', '\u00e9', '\ufeff'), maxLength: 300 }),
  fc.constant(''),
);

describe('Spool', () => {
  it('gives every piece back as it was, in any order, with any budget', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom(0, 1, 50, 400, 1 << 30), fc.array(fc.nat(), { maxLength: 80 }), (pieces, budget, order) => {
        const before = spools();
        const spool = new Spool(budget);
        try {
          // Reads between writes too: a piece read back before a spill must read the same after it.
          const ids = pieces.map((p, i) => {
            const id = spool.add(p);
            if (i >= 3) assert.equal(spool.get(i - 3), pieces[i - 3]);
            return id;
          });
          assert.deepEqual(ids, pieces.map((_, i) => i));
          for (const k of order) if (pieces.length) assert.equal(spool.get(k % pieces.length), pieces[k % pieces.length]);
          assert.deepEqual(
            pieces.map((_, i) => spool.get(i)),
            pieces,
          );
        } finally {
          spool.close();
        }
        assert.deepEqual(spools(), before, 'the temporary directory is removed');
      }),
      { numRuns: 300 },
    );
  });

  it('keeps pieces within the budget in memory and writes the rest to disk', () => {
    const before = spools();
    const small = new Spool(100);
    small.add('x'.repeat(100));
    assert.deepEqual(spools(), before, 'within the budget: nothing on disk');
    small.add('表');
    assert.equal(spools().length, before.length + 1, 'past it: a temporary directory');
    assert.equal(small.get(0), 'x'.repeat(100));
    assert.equal(small.get(1), '表');
    small.close();
    small.close();
    assert.deepEqual(spools(), before);
  });

  it('goes on in memory when the system gives no temporary file', () => {
    const saved = process.env.TMPDIR;
    // os.tmpdir() reads TMPDIR: a directory that does not exist.
    process.env.TMPDIR = join(tmpdir(), 'ogi-no-such-dir', 'deeper');
    try {
      const spool = new Spool(0);
      const pieces = ['表三', '', '𠮷'.repeat(1000), 'x'];
      const ids = pieces.map((p) => spool.add(p));
      assert.deepEqual(
        ids.map((id) => spool.get(id)),
        pieces,
      );
      spool.close();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});
