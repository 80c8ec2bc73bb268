// The prose checks: every rule on fixtures of its own in several real phrasings, the five seeds clean,
// the generators reading back clean, and random prose never throwing or hanging.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze.js';
import type { Report } from '../../server/src/core/analyze.js';
import { agencyOf } from '../../server/src/core/agency.js';
import { runChecks } from '../../server/src/core/analyze.js';
import { CHECKS } from '../../server/src/core/checks/index.js';
import { cellOf, clausesOf, formatNumber, numbersIn, parseChineseNumber, toChinese } from '../../server/src/core/checks/prose/common.js';
import feesReport from '../../server/src/core/checks/prose/fees-report.js';
import hintShare from '../../server/src/core/checks/prose/hint-share.js';
import hintTownRules, { isTownship } from '../../server/src/core/checks/prose/hint-town-rules.js';
import hintUniformRow from '../../server/src/core/checks/prose/hint-uniform-row.js';
import notice from '../../server/src/core/checks/prose/notice.js';
import proseSum from '../../server/src/core/checks/prose/prose-sum.js';
import proseTable, { proseClaims } from '../../server/src/core/checks/prose/prose-table.js';
import sectionSubstance from '../../server/src/core/checks/prose/section-substance.js';
import years from '../../server/src/core/checks/prose/years.js';
import type { Locale, Rule } from '../../server/src/core/checks/rule.js';
// The prose rules of the registry, run one at a time as the engine runs them.
const PROSE_CHECKS = CHECKS.filter((r) => r.tags.includes('prose') || r.tags.includes('hint'));
const run = (rule: Rule<string>, r: Report, locale: Locale = 'zh-cn', thresholds?: Record<string, number>) => runChecks(r, [rule], { locale, thresholds });
const checkProse = (r: Report) => runChecks(r, PROSE_CHECKS);
import { writeProseFromTables } from '../../server/src/core/prose/writeProse.js';
import { type Range, splitLines } from '../../server/src/core/text.js';
import { applyEdits, fixture, replaceRange, seeds } from '../helpers.js';

const base = fixture('prose', 'base-2023.txt');
const report = (text: string): Report => analyze(text).report;
const textAt = (text: string, r: Range) => {
  const lines = splitLines(text);
  return text.slice(lines[r.start.line].offset + r.start.character, lines[r.end.line].offset + r.end.character);
};

/** The text with a paragraph inserted right after the heading of section n. */
function withParagraph(text: string, section: number, paragraph: string): string {
  const s = report(text).sections.find((x) => x.def.number === section)!;
  const lines = splitLines(text);
  const at = lines[s.heading.line].offset + lines[s.heading.line].text.length;
  return `${text.slice(0, at)}\n${paragraph}${text.slice(at)}`;
}

/** The text with a cell of the first table of its kind set to a value. */
function withCell(text: string, table: 'applications' | 'activeDisclosure' | 'reviewLitigation', row: string, col: string, value: string): string {
  const c = cellOf(report(text), table, row, col);
  assert.ok(c, `${table}/${row}/${col}`);
  return replaceRange(text, c.range, value);
}

function withSection(text: string, section: number, body: string): string {
  const r = report(text);
  const s = r.sections.find((x) => x.def.number === section)!;
  const lines = splitLines(text);
  const from = lines[s.bodyFrom]?.offset ?? text.length;
  const to = s.bodyTo < lines.length ? lines[s.bodyTo].offset : text.length;
  return `${text.slice(0, from)}${body}\n${text.slice(to)}`;
}

const PROSE_AND_YEAR = [proseTable, proseSum, years, notice];

describe('numerals', () => {
  it('reads Chinese numerals as real reports write them', () => {
    const cases: [string, number][] = [['三', 3], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['一百零五', 105], ['三千二百', 3200], ['一万零一', 10001], ['二〇二三', 2023]];
    for (const [s, n] of cases) assert.equal(parseChineseNumber(s), n, s);
    assert.ok(Number.isNaN(parseChineseNumber('三四')));
  });
  it('writes back what it reads, 0 to 99999', () => {
    for (let n = 0; n < 100000; n += n < 200 ? 1 : 97) assert.equal(parseChineseNumber(toChinese(n)), n, String(n));
  });
  it('keeps digits, full-width digits and Chinese numerals in their style', () => {
    assert.equal(formatNumber(12, 'fullwidth'), '１２');
    assert.equal(formatNumber(12, 'chinese'), '十二');
    const ns = numbersIn('收到８件，予以公开三件，办结12件，访问1,320次，约1.2万条，上千件');
    assert.deepEqual(ns.map((n) => [n.value, n.style, n.unit]), [[8, 'fullwidth', '件'], [3, 'chinese', '件'], [12, 'digits', '件'], [1320, 'digits', '次'], [1.2, 'digits', '万条']]);
  });
});

/** numbersIn as it was written first, by one regular expression: the scan must read exactly what it reads. */
function numbersByRegex(text: string) {
  const NUMBER_TOKEN =
    /([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?|[０-９]+(?:[.．][０-９]+)?|[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*)(\s*(?:万|千|亿)(?!元))?\s*(万元|元|件次|件|起|条|个|项|人次|次|人|期|篇|家|份|%|％)?/g;
  const out = [];
  for (const m of text.matchAll(NUMBER_TOKEN)) {
    const raw = m[1];
    const style = /^[0-9]/.test(raw) ? 'digits' : /^[０-９]/.test(raw) ? 'fullwidth' : 'chinese';
    const value =
      style === 'digits'
        ? Number(raw.replace(/,/g, ''))
        : style === 'fullwidth'
          ? Number(raw.replace(/[０-９．]/g, (d) => (d === '．' ? '.' : String.fromCharCode(d.charCodeAt(0) - 0xfee0))))
          : parseChineseNumber(raw);
    if (!Number.isFinite(value)) continue;
    out.push({ value, style, start: m.index!, end: m.index! + raw.length, raw, unit: (m[2] ? m[2].trim() : '') + (m[3] ?? ''), unitEnd: m.index! + m[0].length });
  }
  return out;
}

describe('numbersIn reads what the regular expression reads', () => {
  // Every character the expression looks at, and a few it does not (𠮷 outside the BMP, punctuation, letters).
  const alphabet = [...'0123456789,.．０１２９零〇一二两三四五六七八九十百千万亿元件次起条个项人期篇家份%％ \u3000\t余多约，。𠮷a'];
  const piece = fc.constantFrom(...alphabet, '1,320', '12,345,678', '1,2345', '3.5', '１２．５', '三千二百', '一万零一', '二〇二三', '三四', '万元', ' 万 元', '件次', '人次');
  it('on random text over the characters that matter', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (ps) => {
      const text = ps.join('');
      assert.deepEqual(numbersIn(text), numbersByRegex(text));
    }), { numRuns: 3000 });
  });
  it('on every seed line', () => {
    for (const s of seeds()) for (const line of splitLines(s.text)) assert.deepEqual(numbersIn(line.text), numbersByRegex(line.text), line.text);
  });
  it('parses Chinese numerals as the character-class version did', () => {
    const byRegex = (s: string): number => {
      const CN: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
      const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };
      if (s === '' || !/^[零〇一二两三四五六七八九十百千万]+$/.test(s)) return NaN;
      if (!/[十百千万]/.test(s)) {
        if (s.length === 1) return CN[s];
        if (!/[〇零]/.test(s)) return NaN;
        let v = 0;
        for (const ch of s) v = v * 10 + CN[ch];
        return v;
      }
      let total = 0, section = 0, digit = -1;
      for (const ch of s) {
        if (ch in CN) {
          if (digit > 0 && CN[ch] !== 0) return NaN;
          digit = CN[ch];
        } else if (UNIT[ch] === 10000) {
          section = (section + Math.max(digit, 0)) * 10000;
          total += section;
          section = 0;
          digit = -1;
        } else {
          section += (digit < 0 ? 1 : digit) * UNIT[ch];
          digit = -1;
        }
      }
      return total + section + Math.max(digit, 0);
    };
    const chars = fc.constantFrom(...'零〇一二两三四五六七八九十百千万x𠮷');
    fc.assert(fc.property(fc.array(chars, { maxLength: 8 }).map((a) => a.join('')), (s) => assert.equal(parseChineseNumber(s), byRegex(s), s)), { numRuns: 3000 });
  });
});

/** Clauses as they were cut first, by two regular expressions over each sentence: the one-pass cut must agree. */
function clausesByRegex(line: number, text: string, section: number) {
  const out = [];
  let s = 0;
  const ends = [...text.matchAll(/[。；;！？!?]/g)].map((m) => m.index! + 1);
  ends.push(text.length);
  for (const e of ends) {
    if (e <= s) continue;
    const sentence = text.slice(s, e);
    let c = 0;
    let index = 0;
    const cends = [...sentence.matchAll(/[，：:、]|(?<!\d),|,(?!\d{3}(?!\d))/g)].map((m) => m.index! + 1);
    cends.push(sentence.length);
    for (const ce of cends) {
      if (ce > c) out.push({ line, start: s + c, text: sentence.slice(c, ce), sentence, sentenceStart: s, paragraph: text, section, index: index++ });
      c = ce;
    }
    s = e;
  }
  return out;
}

describe('clausesOf cuts sentences and clauses as the regular expressions did', () => {
  const piece = fc.constantFrom(...'，。；;！？!?：:、,1234５一ab 𠮷', '1,320', ',123', '1,2345', '12,34', '。。');
  it('on random lines over the characters that end sentences and clauses', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(6), (ps, section) => {
      const text = ps.join('');
      assert.deepEqual(clausesOf({ line: 7, text, section }), clausesByRegex(7, text, section));
    }), { numRuns: 3000 });
  });
  it('on every seed line', () => {
    for (const s of seeds()) splitLines(s.text).forEach((l, i) => assert.deepEqual(clausesOf({ line: i, text: l.text, section: 1 }), clausesByRegex(i, l.text, 1), l.text));
  });
});

describe('the five seeds', () => {
  for (const s of seeds()) {
    const r = report(s.text);
    for (const rule of PROSE_AND_YEAR) it(`${s.name}: no ${rule.id} finding`, () => assert.deepEqual(run(rule, r).map((f) => f.message), []));
    for (const rule of [sectionSubstance, hintTownRules, hintShare, hintUniformRow])
      it(`${s.name}: no ${rule.id} finding`, () => assert.deepEqual(run(rule, r).map((f) => f.message), []));
    it(`${s.name}: fees-report only where part 六 is silent about 信息处理费, and only as information`, () => {
      const found = run(feesReport, r);
      assert.equal(found.length, s.name.startsWith('001') ? 1 : 0);
      assert.ok(found.every((f) => f.severity === 'information'));
    });
  }
  it('the seeds restate their tables and the check reads those sentences (so the clean result means something)', () => {
    const claims = seeds().map((s) => proseClaims(report(s.text)).length);
    assert.ok(claims[3] >= 4 && claims[4] >= 6 && claims[0] >= 1, String(claims));
  });
});

describe('prose-table phrasings', () => {
  const { cases } = JSON.parse(fixture('prose', 'phrasings.json')) as { cases: { section: number; text: string; expect: { raw: string; severity: string; fix: string | null }[] }[] };
  it('the base report is clean', () => assert.deepEqual(checkProse(report(base)).map((f) => f.message), []));
  for (const c of cases) {
    it(`§${c.section} ${c.text}`, () => {
      const text = withParagraph(base, c.section, c.text);
      const found = run(proseTable, report(text));
      assert.deepEqual(
        found.map((f) => ({ raw: textAt(text, f.range), severity: f.severity, fix: f.fix?.edits[0].newText ?? null })),
        c.expect,
        found.map((f) => f.message).join('\n'),
      );
      for (const f of found) {
        assert.ok(f.related.length > 0, 'the table cell is a related location');
        if (f.fix) assert.deepEqual(run(proseTable, report(applyEdits(text, f.fix.edits))), [], 'the fix removes the finding');
      }
    });
  }
  it('messages in English on request', () => {
    const text = withParagraph(base, 3, '予以公开31件。');
    const [f] = run(proseTable, report(text), 'en');
    assert.match(f.message, /The text says 31 disclosed; table 3 \(1\) disclosed is 30/);
  });
  it('where the table\'s own sums fail at the cell, a warning without a fix (the table may be what is wrong)', () => {
    const text = withCell(withParagraph(base, 3, '予以公开30件。'), 'applications', 'granted', 'total', '31');
    const [f, ...rest] = run(proseTable, report(text));
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(f.fix, undefined);
    assert.match(f.message, /请先核对表格/);
  });
  it('a changed table cell is caught through every sentence that restates it', () => {
    // The base's part 一 says 收到…申请 70 件: with 新收 71 (and the reconciliation kept by 结转 11) no reading agrees.
    let text = withCell(base, 'applications', 'newlyReceived', 'total', '71');
    text = withCell(text, 'applications', 'newlyReceived', 'naturalPerson', '71');
    const found = run(proseTable, report(text));
    assert.equal(found.length, 1);
    assert.equal(textAt(text, found[0].range), '70');
  });
});

describe('prose-sum', () => {
  it("the seeds' own breakdowns are read: a changed total is caught", () => {
    const [s0, , , s3] = seeds();
    assert.equal(run(proseSum, report(s0.text.replace('政府信息 240 条', '政府信息 241 条'))).length, 1); // closed by 其他类信息
    assert.equal(run(proseSum, report(s3.text.replace('政府信息2077条', '政府信息2076条'))).length, 1); // parts exceed
    assert.equal(run(proseSum, report(s3.text.replace('政府信息2077条', '政府信息2078条'))).length, 0); // maybe not exhaustive
  });
  const cases: [string, boolean][] = [
    ['全年公开政府信息240条，其中动态类信息55条、政策性文件20条、其他类信息14条。', true],
    ['公开信息100条，其中动态60条、文件50条。', true],
    ['公开信息 100 条，其中，动态 60 条、文件 50 条。', true],
    ['公开信息 100 条，其中，动态 60 条、文件 40 条。', false],
    ['公开信息一百条，其中动态六十条、文件五十条。', true],
    ['本年度主动公开各类政府信息2077条。其中,网站发布37条,“法治东城”微信公众号发布1320条,“东城司法”政务微博发布720条。', false],
    ['公开信息100条，其中动态60条、文件30条。', false],
    ['公开信息100条，其中网站发布60条、微信推送50次。', false],
    ['公开信息100条，其中动态类占30%、文件70条。', false],
    ['公开信息100条，其中动态100条。', false],
  ];
  for (const [sentence, finding] of cases) {
    it(`${finding ? 'finds' : 'accepts'}: ${sentence}`, () => {
      const text = withParagraph(base, 1, sentence);
      const found = run(proseSum, report(text));
      assert.equal(found.length, finding ? 1 : 0, found.map((f) => f.message).join());
      if (finding) assert.match(textAt(text, found[0].range), /^(?:\d+|[一二三四五六七八九十百千]+)$/);
    });
  }
});

describe('years', () => {
  const find = (t: string) => run(years, report(t));
  it('a statistics period of another year, with the title year as fix', () => {
    const text = base.replace('2023 年 1 月 1 日至 2023 年 12 月 31 日', '2022 年 1 月 1 日至 2022 年 12 月 31 日');
    const [f, ...rest] = find(text);
    assert.equal(rest.length, 0);
    assert.ok(f.fix);
    assert.deepEqual(find(applyEdits(text, f.fix.edits)), []);
  });
  it('a period that is not a whole year', () => {
    assert.equal(find(base.replace('2023 年 12 月 31 日', '2023 年 11 月 30 日')).length, 1);
    assert.equal(find(base.replace('至 2023 年 12 月 31 日', '至 2024 年 12 月 31 日')).length, 1);
  });
  it('a period without its second year (自…起至12月31日止) is a whole year', () => {
    assert.deepEqual(find(base.replace('2023 年 1 月 1 日至 2023 年 12 月 31 日', '自 2023 年 1 月 1 日起至 12 月 31 日止')), []);
  });
  it('garbled dates', () => {
    // The period's first date lost its 年 and 月: one finding on the garbled date (no period is left to check).
    assert.equal(find(base.replace('2023 年 1 月 1 日至', '202011日至')).length, 1);
    assert.equal(find(withParagraph(base, 1, '本报告于2023年12月日发布。')).length, 1);
    assert.deepEqual(find(withParagraph(base, 1, '2023年1月至12月日均访问量500次。')), []);
  });
  it('a sentence opening with another year in part 一, 三 or 四; part 五 may speak of next year', () => {
    assert.equal(find(withParagraph(base, 1, '2022年，区司法局坚持公开为常态。')).length, 1);
    assert.equal(find(withParagraph(base, 3, '2022年共收到政府信息公开申请40件。')).length, 1);
    assert.deepEqual(find(withParagraph(base, 5, '2024年，我局将进一步加强信息公开。')), []);
  });
  it('the signature date: before the year ends is a warning, after 31 January a hint', () => {
    assert.deepEqual(find(`${base}\n区司法局\n2024年1月15日\n`), []);
    const late = find(`${base}\n区司法局\n2024年3月5日\n`);
    assert.deepEqual(late.map((f) => f.severity), ['hint']);
    const early = find(`${base}\n区司法局\n2023年12月20日\n`);
    assert.deepEqual(early.map((f) => f.severity), ['warning']);
    assert.deepEqual(find(`${base}\n发布日期：2024-02-20\n`).map((f) => f.severity), ['hint']);
  });
});

describe('notice', () => {
  const at = (s: string) => run(notice, report(withParagraph(base, 1, s)));
  it('a misquoted issuer, with the correct citation as fix', () => {
    const text = withParagraph(base, 1, '依据《关于印发中华人民共和国政府信息公开工作年度报告格式的通知》（国办政务公开办函〔2021〕30号）编制本报告。');
    const [f] = run(notice, report(text));
    assert.equal(f.fix!.edits[0].newText, '国办公开办函〔2021〕30号');
    assert.deepEqual(run(notice, report(applyEdits(text, f.fix!.edits))), []);
  });
  it('the 2019 notice in a 2023 report, a wrong number', () => {
    assert.equal(at('按照国办公开办函〔2019〕60号要求编制。').length, 1);
    assert.equal(at('依据《政府信息公开工作年度报告格式的通知》（国办公开办函〔2021〕31号）').length, 1);
  });
  it('bracket style alone is no finding; other notices are not the format notice', () => {
    assert.deepEqual(at('依据国办公开办函[2021]30号编制。'), []);
    assert.deepEqual(at('依据国办公开办函（2021）30号编制。'), []);
    assert.deepEqual(at('收费按照国办函〔2020〕109号的规定执行。'), []);
    assert.deepEqual(at('依据《关于印发中华人民共和国政府信息公开工作年度报告格式的通知》（国办公开办函〔2021〕30号）和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）编制。'), []);
    assert.deepEqual(at('按照国办发〔2021〕30号文件精神推进工作。'), []);
    assert.equal(at('依据《关于印发中华人民共和国政府信息公开工作年度报告格式的通知》（国办发〔2021〕30号）编制。').length, 1);
  });
  it('a 2020 report follows the 2019 notice', () => {
    const old = base.replace(/2023/g, '2020');
    assert.deepEqual(run(notice, report(withParagraph(old, 1, '依据国办公开办函〔2019〕60号编制。'))), []);
    assert.equal(run(notice, report(withParagraph(old, 1, '依据国办公开办函〔2021〕30号编制。'))).length, 1);
  });
});

describe('fees-report and section-substance', () => {
  it('part 六 saying only 无 is a note; with fees shown elsewhere a warning', () => {
    const silent = withSection(base, 6, '无。');
    assert.deepEqual(run(feesReport, report(silent)).map((f) => f.severity), ['information']);
    const charged = withParagraph(silent, 3, '本年度收取信息处理费200元。');
    assert.deepEqual(run(feesReport, report(charged)).map((f) => f.severity), ['warning']);
    const notice = withCell(silent, 'applications', 'otherDisposal.feeUnpaid', 'total', '1');
    assert.deepEqual(run(feesReport, report(notice)).map((f) => f.severity), ['warning']);
  });
  it('表二 行政事业性收费 is not 信息处理费', () => {
    const silent = withCell(withSection(base, 6, '无。'), 'activeDisclosure', 'administrativeFees', 'feeAmount', '3.5');
    assert.deepEqual(run(feesReport, report(silent)).map((f) => f.severity), ['information']);
  });
  it('part 五 with only 无, 暂无 or headings', () => {
    for (const body of ['无。', '暂无', '（一）存在的主要问题\n（二）改进情况']) assert.equal(run(sectionSubstance, report(withSection(base, 5, body))).length, 1, body);
    assert.deepEqual(run(sectionSubstance, report(withSection(base, 5, '信息公开的及时性有待提高，下一步将加强培训和审核。'))), []);
    // Twelve Chinese characters over the part's lines are substance, eleven are not; 𠮷 (outside the BMP) is one.
    assert.deepEqual(run(sectionSubstance, report(withSection(base, 5, '甲乙丙，丁戊己。\n庚辛壬癸子𠮷'))), []);
    assert.equal(run(sectionSubstance, report(withSection(base, 5, '甲乙丙，丁戊己。\n庚辛壬癸子𠮷'.replace('𠮷', 'ab')))).length, 1);
  });
});

describe('hints', () => {
  const town = base.replace('重庆市大渡口区司法局', '重庆市大渡口区跳磴镇人民政府');
  it('agencyOf reads the title across lines and layouts', () => {
    assert.equal(agencyOf(report(base)), '重庆市大渡口区司法局');
    assert.equal(agencyOf(report(town)), '重庆市大渡口区跳磴镇人民政府');
    assert.equal(agencyOf('# 开封市城乡一体化示范区司法局 2023 年政府信息公开 公开工作年度报告'), '开封市城乡一体化示范区司法局');
    assert.equal(agencyOf('硚口区司法局2024年政府信息公开工作年度报告'), '硚口区司法局');
  });
  it('a township reporting 规章', () => {
    assert.deepEqual(run(hintTownRules, report(town)), []);
    const made = withCell(town, 'activeDisclosure', 'rules', 'issued', '1');
    assert.equal(run(hintTownRules, report(made)).length, 1);
    assert.deepEqual(run(hintTownRules, report(withCell(base, 'activeDisclosure', 'rules', 'issued', '1'))), []);
    assert.ok(!isTownship('开封市城乡一体化示范区司法局') && !isTownship('某县乡村振兴局') && isTownship('某区某某街道办事处'));
  });
  it('a high share of 其他处理, with a configurable threshold and a minimum total', () => {
    const high = withCell(base, 'applications', 'otherDisposal.other', 'total', '40');
    assert.equal(run(hintShare, report(high)).length, 1);
    assert.deepEqual(run(hintShare, report(high), 'zh-cn', { 'hint-share.max': 0.9 }), []);
    assert.deepEqual(run(hintShare, report(high), 'zh-cn', { 'hint-share.minTotal': 100 }), []);
    assert.deepEqual(run(hintShare, report(base)), []);
  });
  it('the same non-zero number in every applicant column', () => {
    let text = base;
    for (const col of ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrganization']) text = withCell(text, 'applications', 'granted', col, '5');
    assert.equal(run(hintUniformRow, report(text)).length, 1);
    assert.deepEqual(run(hintUniformRow, report(withCell(text, 'applications', 'granted', 'research', '4'))), []);
    // Table 二's three columns: 1 1 1 is plausible, 5 5 5 is not.
    const row = (n: string) => ['issued', 'repealed', 'inForce'].reduce((t, col) => withCell(t, 'activeDisclosure', 'normativeDocuments', col, n), base);
    assert.deepEqual(run(hintUniformRow, report(row('1'))), []);
    assert.equal(run(hintUniformRow, report(row('5'))).length, 1);
  });
});

describe('writeProseFromTables', () => {
  const variants = [base, ...seeds().map((s) => s.text)];
  for (const [k, text] of variants.entries()) {
    it(`its sentences read back with no prose-table finding (${k === 0 ? 'base' : seeds()[k - 1].name})`, () => {
      const w = writeProseFromTables(report(text));
      // Inserted where the generator says, as the code action will.
      const edits = (['applications', 'reviewLitigation'] as const)
        .filter((k) => w[k] && w.insertAt[k])
        .map((k) => ({ range: { start: w.insertAt[k]!, end: w.insertAt[k]! }, newText: `\n${w[k]}` }));
      const t = applyEdits(text, edits);
      const r = report(t);
      assert.deepEqual(run(proseTable, r).map((f) => f.message), []);
      // …and they are read: each number of them is compared.
      if (w.applications) assert.ok(proseClaims(r).length >= 10);
    });
  }
  it('a contradiction is caught once the tables change', () => {
    const w = writeProseFromTables(report(base));
    const t = withCell(withParagraph(base, 3, w.applications!), 'applications', 'granted', 'total', '29');
    assert.ok(run(proseTable, report(t)).some((f) => f.message.includes('予以公开')));
  });
  it('follows the report\'s numeral style', () => {
    const chinese = withParagraph(base, 1, '全年收到申请七十件，予以公开三十件，部分公开十件，不予公开五件，无法提供八件，不予处理四件。');
    const w = writeProseFromTables(report(chinese)).applications!;
    assert.match(w, /新收政府信息公开申请七十件/);
    assert.deepEqual(run(proseTable, report(withParagraph(chinese, 3, w))), []);
    assert.match(writeProseFromTables(report(base), 'en').applications!, /^This year 70 new applications/);
  });
});

describe('rule metadata', () => {
  it('each rule file declares its id, severity, titles in both languages; its findings carry that id and read in both languages', () => {
    const uniform = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrganization'].reduce((t, col) => withCell(t, 'applications', 'granted', col, '5'), base);
    const town = withCell(base.replace('重庆市大渡口区司法局', '某区某某镇人民政府'), 'activeDisclosure', 'rules', 'issued', '1');
    const texts = [
      base,
      withParagraph(base, 3, '予以公开31件。全年未收到政府信息公开申请。'),
      withParagraph(base, 1, '公开信息100条，其中动态60条、文件50条。依据国办政务公开办函〔2021〕30号编制。'),
      withSection(base, 6, '无。'),
      withSection(base, 5, '无。'),
      base.replace('2023 年 12 月 31 日', '2023 年 6 月 30 日'),
      `${base}\n2024年3月1日\n`,
      withCell(base, 'applications', 'otherDisposal.other', 'total', '40'),
      uniform,
      town,
    ];
    const fired = new Set<string>();
    const ids = new Set<string>();
    for (const c of PROSE_CHECKS) {
      assert.ok(c.title['zh-cn'] && c.title.en && !/[()]/.test(c.title['zh-cn']), c.id);
      assert.ok(!ids.has(c.id));
      ids.add(c.id);
      for (const t of texts)
        for (const f of run(c, report(t))) {
          assert.equal(f.rule, c.id);
          // Chinese messages use full-width brackets.
          assert.ok(!/[()]/.test(f.message), f.message);
        }
      for (const t of texts)
        for (const f of run(c, report(t), 'en')) {
          fired.add(f.rule);
          assert.ok(!/[，。：（）]/.test(f.message), f.message);
        }
    }
    // Every rule fired on these texts, so every rule's English was looked at.
    assert.deepEqual([...fired].sort(), PROSE_CHECKS.map((c) => c.id).sort());
  });
});

describe('properties', () => {
  const tokens = ['收到', '申请', '予以公开', '部分公开', '办结', '其中', '行政复议', '诉讼', '维持', '区政府', '件', '条', '，', '。', '、', '7', '两', '十二', '一百零五', '２', '2023年', '1月1日至', '12月31日', '国办公开办函', '〔2021〕', '30号', '𠮷', ' ', '\t', '|', '（', '）'];
  const prose = fc.array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 3 })), { maxLength: 60 }).map((xs) => xs.join(''));
  it('random prose in any section never throws, and each check stays within bounds', () => {
    fc.assert(
      fc.property(prose, fc.integer({ min: 1, max: 6 }), (p, section) => {
        const text = withParagraph(base, section, p.replace(/[\r\n]/g, ''));
        const r = report(text);
        for (const c of PROSE_CHECKS) {
          const t0 = performance.now();
          const found = run(c, r);
          assert.ok(performance.now() - t0 < 500);
          for (const f of found) assert.ok(f.range.start.line >= 0 && f.range.end.character <= r.lines[f.range.end.line].text.length);
        }
      }),
      { numRuns: 150 },
    );
  });
  it('a long line of dense prose is checked in linear time', () => {
    const line = '收到申请7件，其中予以公开三件、部分公开２件，'.repeat(4000);
    const t0 = performance.now();
    checkProse(report(withParagraph(base, 3, line)));
    assert.ok(performance.now() - t0 < 3000, `${performance.now() - t0} ms`);
  });
});
