// Bytes → text (core/decode.ts): whatever path decodes a file (ICU's transcode for valid UTF-8 that is not
// ASCII, the decoder for the rest), the text is the WHATWG decoder's, a UTF-8 BOM dropped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeReport } from '../../server/src/core/decode.js';
import { seeds } from '../helpers.js';

const whatwg = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const BOM = [0xef, 0xbb, 0xbf];

describe('decodeReport', () => {
  it('reads any valid UTF-8 as the WHATWG decoder does, with or without a BOM', () => {
    // Every plane: ASCII, CJK, 𠮷 (a surrogate pair in UTF-16), U+FEFF inside the text, noncharacters.
    const unit = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('中', '𠮷', '\ufeff', '\uffff', '\t', '\r\n', 'a'));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.boolean(), (parts, bom) => {
        const body = Buffer.from(parts.join(''), 'utf8');
        const bytes = bom ? Buffer.concat([Buffer.from(BOM), body]) : body;
        const d = decodeReport(bytes);
        assert.equal(d.encoding, 'utf-8');
        assert.equal(d.invalidSequences, undefined);
        assert.equal(d.text, whatwg(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every seed as the decoder does, and a file above the transcoding bound the same way', () => {
    for (const s of seeds()) {
      const bytes = Buffer.from(s.text, 'utf8');
      assert.equal(decodeReport(bytes).text, whatwg(bytes), s.name);
    }
    const big = Buffer.from('二、主动公开政府信息情况 𠮷\n'.repeat(300_000), 'utf8');
    assert.ok(big.length > 8 << 20);
    assert.equal(decodeReport(big).text, whatwg(big));
  });

  it('keeps damaged UTF-8 as UTF-8 with its bad sequences counted, and reads GB18030 and UTF-16', () => {
    const text = '二、主动公开政府信息情况，共收到申请12件。'.repeat(4);
    const cut = Buffer.from(text, 'utf8');
    const damaged = Buffer.concat([cut.subarray(0, 10), cut.subarray(11)]);
    const d = decodeReport(damaged);
    assert.equal(d.encoding, 'utf-8');
    assert.equal(d.invalidSequences, 1);
    assert.equal(d.text, new TextDecoder('utf-8').decode(damaged));
    const gb = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text }).stdout;
    assert.deepEqual(decodeReport(gb), { text, encoding: 'gb18030' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.deepEqual(decodeReport(le), { text, encoding: 'utf-16le' });
  });
});
