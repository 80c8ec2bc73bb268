import { positionAt } from '../../text.js';
import { defineRule, say } from '../rule.js';

// A UTF-8 file damaged in a few places (cut mid-character, one bad byte) is decoded with U+FFFD for each
// bad sequence rather than read as GB18030 mojibake (core/decode.ts); this says where the damage starts.
export default defineRule({
  id: 'encoding',
  severity: 'warning',
  title: { 'zh-cn': '文件编码有误，部分字节无法解码', en: 'The file has bytes that do not decode' },
  fixable: false,
  tags: ['document'],
  needs: 'text',
  check({ report, locale: l, options, emit }) {
    const n = options.decoding?.invalidSequences ?? 0;
    if (n === 0) return;
    const at = report.text.indexOf('\ufffd');
    if (at < 0) return;
    const start = positionAt(report.lines, at);
    emit(
      { start, end: { line: start.line, character: start.character + 1 } },
      say(
        l,
        `文件为 UTF-8 编码，但有 ${n} 处无效字节（显示为 �，文件可能被截断或损坏）；其余内容已检查`,
        `The file is UTF-8 with ${n} invalid byte sequence(s) (shown as �; the file may be cut off or damaged); the rest was checked`,
      ),
    );
  },
});
