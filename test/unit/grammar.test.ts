// The TextMate grammar (syntaxes/ogi-report.tmLanguage.json), loaded with vscode-textmate + vscode-oniguruma
// exactly as VS Code does. Fixtures in test/fixtures/grammar/ hold the text; the expectations below say, for a
// line (0-based) and a substring of it, which scope it must (or, with a leading '!', must not) carry, in the
// spirit of vscode-tmgrammar-test. Then: the statutory labels of formats.ts, the five real seeds, the shape
// fixtures with their manifest, and long lines that must stay linear-time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { FORMATS } from '../../server/src/core/format/formats.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const GRAMMAR_PATH = join(ROOT, 'syntaxes/ogi-report.tmLanguage.json');
const SCOPE_NAME = 'text.ogi-report';

// ---------------------------------------------------------------------------------------------- scopes

const S = {
  section: 'entity.name.function.heading.section.ogi-report',
  subsection: 'entity.name.function.heading.subsection.ogi-report',
  title: 'entity.name.function.heading.title.ogi-report',
  number: 'punctuation.definition.heading.number.ogi-report',
  marker: 'punctuation.definition.heading.marker.ogi-report',
  row: 'entity.name.type.row-label.ogi-report',
  column: 'variable.other.property.column-label.ogi-report',
  cell: 'constant.numeric.cell.ogi-report',
  prose: 'constant.numeric.prose.ogi-report',
  reconciliation: 'keyword.other.reconciliation.ogi-report',
  caption: 'entity.name.section.caption.ogi-report',
  noise: 'comment.line.noise', // .bookmark / .review / .web / .footer + .ogi-report
  separator: 'punctuation.separator.table.ogi-report',
} as const;

// ---------------------------------------------------------------------------------------------- tokenizer

const grammarPromise: Promise<vsctm.IGrammar> = (async () => {
  const wasm = readFileSync(join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE_NAME ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  const grammar = await registry.loadGrammar(SCOPE_NAME);
  if (!grammar) throw new Error(`grammar ${SCOPE_NAME} did not load`);
  return grammar;
})();

interface Doc {
  name: string;
  lines: string[];
  tokens: vsctm.IToken[][];
}

/** Tokenizes line by line (text.split('\n'), as the fixtures number their lines), carrying the rule stack. */
async function tokenize(text: string, name = 'text'): Promise<Doc> {
  const grammar = await grammarPromise;
  const lines = text.split('\n');
  const tokens: vsctm.IToken[][] = [];
  let state = vsctm.INITIAL;
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    assert.equal(r.stoppedEarly, false, `${name}: tokenization stopped early`);
    tokens.push(r.tokens);
    state = r.ruleStack;
  }
  return { name, lines, tokens };
}

const docCache = new Map<string, Promise<Doc>>();
function fixtureDoc(file: string): Promise<Doc> {
  if (!docCache.has(file)) docCache.set(file, tokenize(readFileSync(join(ROOT, 'test/fixtures/grammar', file), 'utf8'), file));
  return docCache.get(file)!;
}

/** A scope selector matches a scope equal to it or one that extends it with more dot-separated segments. */
const matches = (scope: string, selector: string) => scope === selector || scope.startsWith(`${selector}.`);
const hasScope = (scopes: readonly string[], selector: string) => scopes.some((s) => matches(s, selector));

function lineOf(doc: Doc, line: number): string {
  assert.ok(line >= 0 && line < doc.lines.length, `${doc.name}: no line ${line}`);
  return doc.lines[line];
}

/** Start and end (UTF-16) of the nth occurrence of text in the line; throws if there is none. */
function rangeOf(doc: Doc, line: number, text: string, nth = 1): [number, number] {
  const l = lineOf(doc, line);
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = l.indexOf(text, at + 1);
    if (at < 0) throw new Error(`${doc.name}:${line}: ${JSON.stringify(text)} (#${nth}) not in ${JSON.stringify(l)}`);
  }
  return [at, at + text.length];
}

function scopesAt(doc: Doc, line: number, index: number): readonly string[] {
  const t = doc.tokens[line].find((tok) => tok.startIndex <= index && index < tok.endIndex);
  return t ? t.scopes : [];
}

function describeScopes(doc: Doc, line: number): string {
  const l = lineOf(doc, line);
  return doc.tokens[line]
    .map((t) => `${JSON.stringify(l.slice(t.startIndex, t.endIndex))}: ${t.scopes.slice(1).join(' ') || '-'}`)
    .join('\n  ');
}

/** Every UTF-16 unit of the substring carries the scope. */
function expectScope(doc: Doc, line: number, text: string, selector: string, nth = 1): void {
  const [from, to] = rangeOf(doc, line, text, nth);
  for (let i = from; i < to; i++) {
    if (!hasScope(scopesAt(doc, line, i), selector)) {
      assert.fail(`${doc.name}:${line}: ${JSON.stringify(text)} should be ${selector}; tokens:\n  ${describeScopes(doc, line)}`);
    }
  }
}

/** No UTF-16 unit of the substring carries the scope. */
function expectNoScope(doc: Doc, line: number, text: string, selector: string, nth = 1): void {
  const [from, to] = rangeOf(doc, line, text, nth);
  for (let i = from; i < to; i++) {
    if (hasScope(scopesAt(doc, line, i), selector)) {
      assert.fail(`${doc.name}:${line}: ${JSON.stringify(text)} should not be ${selector}; tokens:\n  ${describeScopes(doc, line)}`);
    }
  }
}

/** The texts of the tokens carrying the scope on these lines, in order. */
function scopedTexts(doc: Doc, lines: number[], selector: string): string[] {
  const out: string[] = [];
  for (const line of lines) {
    for (const t of doc.tokens[line]) if (hasScope(t.scopes, selector)) out.push(doc.lines[line].slice(t.startIndex, t.endIndex));
  }
  return out;
}

const lineHas = (doc: Doc, line: number, selector: string) => doc.tokens[line].some((t) => hasScope(t.scopes, selector));
const linesWith = (doc: Doc, selector: string) => doc.lines.map((_, i) => i).filter((i) => lineHas(doc, i, selector));
const halfWidth = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

// ---------------------------------------------------------------------------------------------- expectation tables

/** [line, substring, scope ('!' = must not carry it), occurrence (default 1)] */
type Expectation = [line: number, text: string, scope: string, nth?: number];

function check(doc: Doc, [line, text, scope, nth]: Expectation): void {
  if (scope.startsWith('!')) expectNoScope(doc, line, text, scope.slice(1), nth);
  else expectScope(doc, line, text, scope, nth);
}

function expectationTests(file: string, expectations: Expectation[]): void {
  describe(file, () => {
    for (const e of expectations) {
      const [line, text, scope, nth] = e;
      it(`line ${line}: ${JSON.stringify(text)}${nth ? ` #${nth}` : ''} ${scope.startsWith('!') ? 'is not' : 'is'} ${scope.replace(/^!/, '')}`, async () =>
        check(await fixtureDoc(file), e));
    }
  });
}

/** [line, the cell numbers on it in order] */
function cellTests(file: string, rows: [line: number, cells: string[]][]): void {
  describe(`${file}: cell numbers`, () => {
    for (const [line, cells] of rows) {
      it(`line ${line}: ${cells.join(' ') || '(none)'}`, async () => {
        assert.deepEqual(scopedTexts(await fixtureDoc(file), [line], S.cell), cells);
      });
    }
  });
}

const NOT = (scope: string) => `!${scope}`;

// ---------------------------------------------------------------------------------------------- the grammar file

describe('grammar file', () => {
  const raw = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8'));

  it(`is ${SCOPE_NAME}`, () => assert.equal(raw.scopeName, SCOPE_NAME));

  it('names every scope with the .ogi-report suffix', () => {
    const names: string[] = [];
    const walk = (v: unknown, key = ''): void => {
      if (Array.isArray(v)) v.forEach((x) => walk(x));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
      else if (key === 'name' && typeof v === 'string') names.push(v);
    };
    walk(raw.repository);
    walk(raw.patterns);
    assert.ok(names.length > 10);
    for (const n of names) for (const part of n.split(' ')) assert.match(part, /^[a-z-]+(\.[a-z0-9-]+)*\.ogi-report$/, part);
  });

  it('compiles every regex with Oniguruma', async () => {
    await grammarPromise;
    const regexes: string[] = [];
    const walk = (v: unknown, key = ''): void => {
      if (Array.isArray(v)) v.forEach((x) => walk(x));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
      else if (['match', 'begin', 'end', 'while'].includes(key) && typeof v === 'string') regexes.push(v);
    };
    walk(raw.repository);
    assert.ok(regexes.length > 20);
    for (const re of regexes) assert.doesNotThrow(() => new oniguruma.OnigScanner([re]).dispose(), re);
  });
});

describe('expectation helpers can fail', () => {
  it('reject a wrong scope, a wrong absence, a missing substring and a wrong cell list', async () => {
    const doc = await fixtureDoc('headings.txt');
    assert.throws(() => expectScope(doc, 0, '总体情况', S.subsection), /should be entity\.name\.function\.heading\.subsection/);
    assert.throws(() => expectNoScope(doc, 0, '总体情况', S.section), /should not be entity\.name\.function\.heading\.section/);
    assert.throws(() => expectScope(doc, 0, '主动公开', S.section), /not in/);
    assert.throws(() => check(doc, [18, '一、本年新收', S.section]));
    assert.throws(() => assert.deepEqual(scopedTexts(doc, [22], S.cell), ['3', '0']));
  });
});

// ---------------------------------------------------------------------------------------------- headings

expectationTests('headings.txt', [
  // the six sections as the format prints them, and their variants
  [0, '一、总体情况', S.section],
  [0, '一、', S.number],
  [0, '总体情况', NOT(S.number)],
  [1, '##', S.marker],
  [1, '主动公开政府信息情况', S.section],
  [1, '二、', S.number],
  [2, '收到和处理政府信息公开申请的情况', S.section],
  [2, '三、', S.number],
  [3, '政府信息公开行政法复议、行政诉讼情况', S.section], // typo 行政法复议
  [3, '四、', S.number],
  [4, '当前存在的主要问题及下一步改进措施', S.section],
  [4, '五、', S.number],
  [5, '其他需要报告的事项', S.section],
  [5, '六、', S.number],
  [6, '主动公开政府信息情况', S.section], // lost numeral
  [6, '、', S.number],
  [7, '行政机关主动公开政府信息情况', S.section], // the format's prose titles
  [8, '因政府信息公开工作被申请行政复议、提起行政诉讼情况', S.section],
  [9, '政府信息公开工作存在的主要问题及改进情况', S.section],
  [10, '一．', S.number], // full-width full stop
  [10, '总体情况', S.section],
  [11, '三、', S.number], // indented with U+3000
  [11, '依申请公开政府信息情况', S.section],
  [12, '**', S.marker],
  [12, '**', S.marker, 2],
  [12, '总体情况', S.section],
  [12, '总体情况', NOT(S.marker)],
  [13, '第一部分', S.number],
  [13, '总体情况', S.section],
  [14, '[bookmark: _GoBack]', S.noise], // noise in front of a heading stays noise
  [14, '其他需要报告的事项', S.section],
  [15, '存在的主要问题及改进情况', S.section],
  [15, 'Comment by 707: 请补充整改情况。', S.noise], // a review comment after a heading
  [16, '####', S.marker],
  [16, '政府信息公开行政复议、行政诉讼情况', S.section],
  // table 三's rows 一、二、三、四 are rows, not sections, standing alone or with their cells
  [18, '一、本年新收政府信息公开申请数量', NOT(S.section)],
  [18, '一、本年新收政府信息公开申请数量', S.row],
  [19, '二、上年结转政府信息公开申请数量', NOT(S.section)],
  [19, '二、上年结转政府信息公开申请数量', S.row],
  [20, '三、本年度办理结果', NOT(S.section)],
  [20, '三、本年度办理结果', S.row],
  [21, '四、结转下年度继续办理', NOT(S.section)],
  [21, '四、结转下年度继续办理', S.row],
  [22, '一、本年新收政府信息公开申请数量', NOT(S.section)],
  [22, '一、本年新收政府信息公开申请数量', S.row],
  [22, '3', S.cell],
  [23, '三、本年度办理结果', NOT(S.section)],
  [23, '（一）予以公开', S.row],
  [23, '（一）予以公开', NOT(S.subsection)],
  // prose that only looks like a heading
  [24, '二、加大主动公开力度', NOT(S.section)],
  [25, '总体情况', NOT(S.section)],
  [26, '总体情况', NOT(S.section)],
  // sub-headings
  [28, '（一）', S.number],
  [28, '主动公开', S.subsection],
  [28, '主动公开', NOT(S.section)],
  [29, '(二)', S.number],
  [29, '依申请公开情况', S.subsection],
  [30, '(四)', S.subsection],
  [30, '政府信息公开平台建设情况', S.subsection],
  [31, '（1）', S.number],
  [31, '政府信息主动公开情况', S.subsection],
  [32, '###', S.marker],
  [32, '（三）政府信息管理', S.subsection],
  [32, '（三）政府信息管理', NOT(S.section)],
  [33, '[bookmark: _GoBack]', S.noise],
  [33, '（五）监督保障情况', S.subsection],
  [34, '（一）主动公开', S.subsection],
  [34, '按照《条例》规定', NOT(S.subsection)], // the heading ends at 。
  [34, '146', S.prose],
  [35, '（二）依申请公开', S.subsection],
  // table 三's （一）…（七） are row labels, in a cell or on their own line
  [36, '（一）予以公开', S.row],
  [36, '（一）予以公开', NOT(S.subsection)],
  [37, '（一）予以公开', S.row],
  [37, '（一）予以公开', NOT(S.subsection)],
  [38, '（六）其他处理', S.row],
  [38, '（六）其他处理', NOT(S.subsection)],
  [39, '(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)', S.row],
  [39, '(二)', NOT(S.subsection)],
  // the report title
  [40, '#', S.marker],
  [40, '2023年政府信息公开工作年度报告', S.title],
  [40, '2023', NOT(S.cell)],
  [41, '西岭县农业农村局2023年政府信息公开工作年度报告', S.title],
  [42, '2023 年政府信息公开工作年度报告', S.title],
  [42, '2023', NOT(S.cell)],
  // an indented group label is still a row label, not a sub-heading
  [43, '（三）不予公开', S.row],
  [43, '（三）不予公开', NOT(S.subsection)],
]);

describe('headings.txt: section headings are exactly the heading lines', () => {
  it('lines 0–16 and no other', async () => {
    const doc = await fixtureDoc('headings.txt');
    assert.deepEqual(linesWith(doc, S.section), [...Array(17).keys()]);
  });
});

// ---------------------------------------------------------------------------------------------- tables

expectationTests('table-tsv.txt', [
  [0, '第二十条第（一）项', S.caption],
  [4, '第二十条第(五)项', S.caption], // half-width brackets
  [11, '第二十条第（八）项', S.caption],
  [1, '信息内容', S.column],
  [1, '本年制发件数', S.column],
  [1, '现行有效件数', S.column],
  [2, '规章', S.row],
  [3, '行政规范性文件', S.row],
  [6, '行政许可', S.row],
  [9, '行政处罚', S.row],
  [10, '行政强制', S.row],
  [12, '本年收费金额（单位：万元）', S.column],
  [13, '行政事业性收费', S.row],
  [15, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', S.reconciliation],
  [15, '申请人情况', S.column],
  [16, '自然人', S.column],
  [16, '法人或其他组织', S.column],
  [16, '总计', S.column],
  [17, '商业 企业', S.column], // a space inside the label
  [17, '科研 机构', S.column],
  [17, '社会公益 组织', S.column],
  [17, '法律服务 机构', S.column],
  [17, '其他', S.column],
  [18, '一、本年新收政府信息公开申请数量', S.row],
  [18, '一、', NOT(S.number)],
  [19, '二、上年结转政府信息公开申请数量', S.row],
  [20, '三、本年度办理结果', S.row],
  [20, '(一) 予以公开', S.row],
  [21, '(二) 部分公开 (区分处理的，只计这一情形， 不计其他情形)', S.row],
  [22, '（三）不予公开', S.row],
  [22, '1.属于国家秘密', S.row],
  [23, '2.其他法律行政法规禁止公开', S.row],
  [24, '3.危及“三安全一稳定”', S.row],
  [25, '4.保护第三方合法权益', S.row],
  [26, '5.属于三类内部事务信息', S.row],
  [27, '6.属于四类过程性信息', S.row],
  [28, '7.属于行政执法案卷', S.row],
  [29, '8.属于行政查询事项', S.row],
  [30, '（四）无法提供', S.row],
  [30, '1.本机关不掌握相关政府信息', S.row],
  [31, '2.没有现成信息需要另行制作', S.row],
  [32, '3.补正后申请内容仍不明确', S.row],
  [33, '(五) 不予处理', S.row],
  [33, '1.信访举报投诉类申请', S.row],
  [34, '2.重复申请', S.row],
  [35, '3.要求提供公开出版物', S.row],
  [36, '4.无正当理由大量反复申请', S.row],
  [37, '5.要求行政机关确认或重新 出具已获取信息', S.row],
  [38, '（六）其他处理', S.row],
  [38, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', S.row],
  [39, '2.申请人逾期未按收费通知要求缴纳费用、 行政机关不再处理其政府信息公开申请', S.row],
  [40, '3.其他', S.row],
  [41, '(七) 总计', S.row],
  [42, '四、结转下年度继续办理', S.row],
  [42, '四、结转下年度继续办理', NOT(S.section)],
  [44, '行政复议', S.column],
  [44, '行政诉讼', S.column],
  [45, '结果 维持', S.column],
  [45, '结果 纠正', S.column],
  [45, '其他 结果', S.column],
  [45, '尚未 审结', S.column],
  [45, '总计', S.column],
  [45, '未经复议直接起诉', S.column],
  [45, '复议后起诉', S.column],
  [46, '结果维持', S.column],
  [46, '尚未审结', S.column, 2],
  [46, '总计', S.column, 2],
  // labels are not numbers, numbers are not labels
  [22, '1.属于国家秘密', NOT(S.cell)],
  [18, '60', NOT(S.row)],
]);
cellTests('table-tsv.txt', [
  [0, []],
  [2, ['0', '0', '0']],
  [3, ['2', '1', '17']],
  [6, ['935']],
  [13, ['2.5']],
  [18, ['60', '8', '1', '1', '1', '0', '71']],
  [22, ['0', '0', '0', '0', '0', '0', '0']],
  [24, ['1', '0', '0', '0', '0', '0', '1']],
  [38, ['1', '0', '0', '0', '0', '0', '1']],
  [41, ['58', '9', '1', '1', '1', '0', '70']],
  [42, ['3', '0', '0', '0', '0', '0', '3']],
  [47, ['2', '0', '0', '1', '3', '0', '0', '0', '1', '1', '0', '0', '0', '0', '0']],
]);

expectationTests('table-2019.txt', [
  [0, '第二十条第（一）项', S.caption],
  [1, '本年新制作数量', S.column],
  [1, '本年新公开数量', S.column],
  [1, '对外公开总数量', S.column],
  [3, '规范性文件', S.row],
  [5, '上一年项目数量', S.column],
  [5, '本年增/减', S.column],
  [5, '处理决定数量', S.column],
  [6, '行政许可', S.row],
  [7, '其他对外管理服务事项', S.row],
  [10, '行政处罚', S.row],
  [11, '行政强制', S.row],
  [14, '行政事业性收费', S.row],
  [15, '第二十条第（九）项', S.caption],
  [16, '采购项目数量', S.column],
  [16, '采购总金额', S.column],
  [17, '政府集中采购', S.row],
  [19, '（六）其他处理', S.row], // one row with cells in the 2019 format
  [20, '（七）总计', S.row],
]);
cellTests('table-2019.txt', [
  [2, ['0', '0', '0']],
  [3, ['4', '4', '37']],
  [6, ['12', '+3', '486']], // signed 本年增/减
  [7, ['5', '-2', '73']],
  [14, ['3', '-1']],
  [17, ['14', '286.53']], // decimal 采购总金额
  [19, ['6', '1', '0', '0', '0', '0', '7']],
]);

expectationTests('table-cell-per-line.txt', [
  [0, '第二十条第（一）项', S.caption],
  [2, '信息内容', S.column],
  [5, '规章', S.row],
  [10, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', S.reconciliation],
  [11, '申请人情况', S.column],
  [12, '商业', S.column], // "商业\n企业": a header wrapped inside its cell
  [13, '企业', S.column],
  [14, '一、本年新收政府信息公开申请数量', S.row],
  [14, '一、本年新收政府信息公开申请数量', NOT(S.section)],
  [18, '（七）总计', S.row],
  [19, '结果', S.column],
  [20, '纠正', S.column],
  [21, '|', S.separator],
  [23, '（一）予以公开', S.row],
  [23, '（一）予以公开', NOT(S.subsection)],
]);
cellTests('table-cell-per-line.txt', [
  [6, ['0']], // \t U+3000 U+3000 0
  [7, ['0']], // \t NBSP U+3000 0
  [8, ['0']],
  [15, ['12']],
  [16, []], // an empty cell: a tab and an NBSP
  [17, ['0']], // NBSP after the number
  [22, ['36']], // lone-pipe shape: a bare number line
  [25, ['-1']],
]);

expectationTests('table-pipe.txt', [
  [0, '第二十条第(一)项', S.caption],
  [0, '|', S.separator],
  [1, '本年废止件数', S.column],
  [2, '行政规范性文件', S.row],
  [3, '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)', S.reconciliation], // half-width brackets
  [4, '商业 企业', S.column],
  [5, '三、本年度办理结果', S.row],
  [5, '(一)予以公开', S.row],
  [6, '(四)无法提供', S.row],
  [6, '1.本机关不掌握相关政府信息', S.row],
  [9, '第二十条第（八）项', S.caption],
  [10, '---', S.separator],
  [11, '行政事业性收费', S.row],
  [12, ':---:', S.separator],
  [13, '一、本年新收政府信息公开申请数量', S.row],
  [14, '（七）总计', S.row],
  [15, '结果维持', S.column],
  [15, '总计', S.column],
]);
cellTests('table-pipe.txt', [
  [2, ['10', '0', '4']],
  [5, ['3', '0', '0', '0', '0', '0', '3']],
  [6, ['3', '0', '0', '0', '0', '0', '3']],
  [7, Array(15).fill('0')],
  [10, []],
  [11, ['15.36']],
  [13, ['165', '32', '3', '5', '11', '5', '221']],
  [14, ['163', '33', '3', '6', '11', '4', '220']],
  [16, ['4', '2', '0', '1', '7']],
]);

expectationTests('table-pdf.txt', [
  [0, '信息内容', S.column],
  [0, '现行有效件数', S.column],
  [1, '行政规范性文件', S.row],
  [2, '行政强制', S.row],
  [3, '（本列数据的勾稽关系为：第一项加第二项之和，', S.reconciliation], // the caption wrapped over two lines
  [5, '等于第三项加第四项之和）', S.reconciliation],
  [6, '社会公', S.column],
  [7, '益组织', S.column],
  [8, '二、上年结转政府信息公开申请数量', S.row],
  [9, '（一）予以公开', S.row],
  [10, '（二）部分公开（区分处理的，只计这一情形，不计', S.row],
  [11, '其他情形）', S.row],
  [12, '1.属于国家秘密', S.row],
  [12, '年', NOT(S.row)], // a vertical label's character
  [13, '（三）不予公开', S.row],
  [13, '4.保护第三方合法权益', S.row],
  [14, '1.本机关不掌握相关政府信息', S.row],
  [15, '5.要求行政机关确认或重新出具已', S.row],
  [16, '获取信息', S.row],
  [17, '2.申请人逾期未按收费通知要求缴纳费用、行政机关', S.row],
  [18, '不再处理其政府信息公开申请', S.row],
  [19, '（七）总计', S.row],
  [20, '- 4 -', S.noise], // a page footer inside the table
  [20, '4', NOT(S.cell)],
  [21, '维持', S.column],
  [21, '尚未', S.column, 2],
]);
cellTests('table-pdf.txt', [
  [1, ['3', '1', '26']],
  [2, ['２７']], // full-width digits
  [8, ['3', '1', '0', '0', '0', '0', '4']], // NBSP before the first number
  [9, ['21', '4', '0', '1', '0', '0', '２６']],
  [10, []],
  [11, ['6', '2', '0', '0', '0', '0', '8']],
  [12, ['0', '0', '0', '0', '0', '0', '0']],
  [13, ['2', '1', '0', '0', '0', '0', '3']],
  [14, ['14', '3', '1', '0', '1', '1', '20']], // U+3000 before the last number
  [15, ['1', '0', '0', '0', '0', '0', '1']],
  [19, ['64', '12', '1', '1', '2', '1', '81']], // NBSP + space between numbers
  [20, []],
  [22, ['3', '1', '1', '0', '5', '1', '0', '0', '1', '2', '0', '0', '0', '1', '1']],
]);

// ---------------------------------------------------------------------------------------------- prose and noise

expectationTests('prose-noise.txt', [
  [0, '2023', NOT(S.cell)],
  [0, '2023', NOT(S.cell), 2],
  [0, '2023', NOT(S.cell), 3],
  [0, '1', NOT(S.cell)],
  [0, '12', NOT(S.cell)],
  [0, '31', NOT(S.cell)],
  [0, '2023', NOT(S.prose)], // years and dates are not counts
  [1, '2023', NOT(S.cell)],
  [1, '2023', NOT(S.prose)],
  [2, '240', S.prose], // counts restate table numbers
  [2, '240', NOT(S.cell)],
  [2, '55', S.prose],
  [2, '20', NOT(S.cell)],
  [3, '8', S.prose],
  [3, '3', S.prose, 2], // #1 is inside 2023
  [3, '2023', NOT(S.prose)],
  [3, '自然人', NOT(S.column)],
  [3, '予以公开', NOT(S.row)],
  [4, '行政规范性文件', NOT(S.row)],
  [4, '41', S.prose],
  [4, '15.36', S.prose],
  [4, '12', NOT(S.prose)],
  [5, '2024', NOT(S.cell)],
  [5, '10', NOT(S.cell)],
  [6, '109', NOT(S.cell)],
  [7, '[bookmark: _GoBack]', S.noise],
  [7, '改进情况', NOT(S.noise)],
  [8, 'Comment by 707: 此处上年度应指2023年，而不是2024年。', S.noise],
  [8, '有待加强', NOT(S.noise)],
  [8, '2024', NOT(S.prose)],
  [9, '扫一扫在手机上打开页面', S.noise],
  [10, '- 4 -', S.noise],
  [10, '4', NOT(S.cell)],
  [11, '—5—', S.noise],
  [12, '第 3 页 共 6 页', S.noise],
  [13, '【打印本页】', S.noise],
  [13, '【关闭窗口】', S.noise],
  [14, '5132', NOT(S.cell)],
  [14, '2054', S.prose],
]);
cellTests('prose-noise.txt', [0, 1, 2, 3, 4, 5, 6, 8, 10, 11, 12, 14].map((l): [number, string[]] => [l, []]));

// ---------------------------------------------------------------------------------------------- statutory labels

describe('statutory labels of both formats (formats.ts)', () => {
  const NUMERALS = '一二三四五六';
  for (const format of FORMATS) {
    describe(`${format.version} format`, () => {
      it('takes every section title and variant for a section heading, plain and markdown', async () => {
        const lines: { text: string; title: string; numbering: string }[] = [];
        for (const s of format.sections) {
          const numbering = `${NUMERALS[s.number - 1]}、`;
          for (const title of [s.title, ...s.variants]) {
            lines.push({ text: `${numbering}${title}`, title, numbering });
            lines.push({ text: `## ${numbering}${title}`, title, numbering });
          }
        }
        const doc = await tokenize(lines.map((l) => l.text).join('\n'), `${format.version} sections`);
        lines.forEach((l, i) => {
          expectScope(doc, i, l.title, S.section);
          expectScope(doc, i, l.numbering, S.number);
        });
      });

      for (const [shape, cellSep, pre, post] of [
        ['tab-separated', '\t', '', ''],
        ['pipe-separated', ' | ', '| ', ' |'],
        ['PDF text', ' ', '', ''],
      ] as const) {
        it(`scopes every caption, row label and column label, ${shape}`, async () => {
          const lines: { text: string; labels: [string, string][]; cells: string[] }[] = [];
          const row = (labels: [string, string][], cells: string[]) =>
            lines.push({ text: pre + [...labels.map(([l]) => l), ...cells].join(cellSep) + post, labels, cells });
          for (const table of format.tables) {
            for (const part of table.parts) {
              if (part.caption) row([[part.caption, S.caption]], []);
              const groups = [...new Set(part.columns.flatMap((c) => (c.group ? c.group.split('·') : [])))];
              if (groups.length) row(groups.map((g) => [g, S.column]), []);
              row(part.columns.map((c) => [c.label, S.column]), []);
              for (const g of part.groups) row([[g.label, S.row]], []);
              for (const r of part.rows) {
                const values = part.columns.map((_, i) => String(i * 7 + 1));
                if (!r.label) row([], values); // table 四's one unlabelled row
                for (const label of [r.label, ...r.aliases].filter(Boolean)) row([[label, S.row]], values);
              }
            }
          }
          const doc = await tokenize(lines.map((l) => l.text).join('\n'), `${format.version} labels, ${shape}`);
          assert.deepEqual(linesWith(doc, S.section), [], 'no label line is a section heading');
          assert.deepEqual(linesWith(doc, S.subsection), [], 'no label line is a sub-heading');
          lines.forEach((l, i) => {
            for (const [label, scope] of l.labels) expectScope(doc, i, label, scope);
            assert.deepEqual(scopedTexts(doc, [i], S.cell), l.cells, `cells of ${JSON.stringify(l.text)}`);
          });
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------- the real seeds

describe('the five real seed reports', () => {
  const dir = join(ROOT, 'samples/seeds');
  const files = readdirSync(dir).filter((f) => /^\d{3}_[0-9a-f]+\.txt$/.test(f)).sort();
  it('are five', () => assert.equal(files.length, 5));
  const KEYWORDS = [/总体/, /主动公开/, /收到.*申请|依申请/, /复议|诉讼/, /问题|改进/, /其他.*(报告|事项)/];
  for (const file of files) {
    it(`${file}: tokenizes, with its six section headings in order and nothing else as one`, async () => {
      const doc = await tokenize(readFileSync(join(dir, file), 'utf8'), file);
      const headings = linesWith(doc, S.section);
      assert.equal(headings.length, 6, headings.map((l) => doc.lines[l]).join('\n'));
      headings.forEach((l, i) => {
        assert.equal(scopedTexts(doc, [l], S.number).join('').trim()[0], '一二三四五六'[i], doc.lines[l]);
        assert.match(doc.lines[l], KEYWORDS[i]);
      });
      // table 三's rows 一、二、三、四 are row labels there
      for (const label of ['一、本年新收', '二、上年结转', '三、本年度办理结果', '四、结转下年度']) {
        const at = doc.lines.findIndex((t) => t.includes(label));
        assert.ok(at >= 0, label);
        expectScope(doc, at, label, S.row);
      }
      assert.ok(linesWith(doc, S.cell).length >= 10, 'cell numbers found');
      assert.ok(linesWith(doc, S.caption).length >= 4, 'the four 第二十条 captions found');
      assert.equal(linesWith(doc, S.reconciliation).length, 1, 'the 勾稽关系 caption found');
    });
  }
});

// ---------------------------------------------------------------------------------------------- the shape fixtures

interface ShapeEntry {
  section_heading_lines: Record<string, number>;
  table3_rows: Record<string, { lines: number[]; values?: number[]; cells?: string[] }>;
  table4_line: number;
  table4_values?: number[];
  table4_cells?: string[];
  marked_lines?: Record<string, number[]>;
}

describe('shape fixtures (test/fixtures/shapes, facts from manifest.json)', () => {
  const dir = join(ROOT, 'test/fixtures/shapes');
  const manifest: Record<string, ShapeEntry> = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const numeric = (c: string) => /^[-+]?\d+(\.\d+)?$/.test(halfWidth(c));
  const MARK_SCOPE: Record<string, string> = { footer: S.noise, comment: S.noise, bookmark: S.noise, noise: S.noise, subhead: S.subsection };
  for (const [file, m] of Object.entries(manifest)) {
    it(`${file}: section headings, table 三 and 四 cell numbers, noise`, async () => {
      const doc = await tokenize(readFileSync(join(dir, file), 'utf8'), file);
      assert.deepEqual(linesWith(doc, S.section), Object.values(m.section_heading_lines).sort((a, b) => a - b), 'section heading lines');
      for (const [id, row] of Object.entries(m.table3_rows)) {
        const expected = row.values ? row.values.map(String) : row.cells!.filter(numeric);
        const actual = scopedTexts(doc, row.lines, S.cell).map(halfWidth);
        // a duplicated row (broken-duplicate-row) lists both copies' lines: the same numbers twice
        const copies = Math.max(1, Math.round(actual.length / expected.length));
        assert.deepEqual(actual, Array<string[]>(copies).fill(expected).flat(), `table 三 row ${id} (lines ${row.lines.join(',')})`);
        for (const l of row.lines) assert.ok(!lineHas(doc, l, S.section), `table 三 row ${id}: line ${l} is no heading`);
      }
      const t4 = (m.table4_values ?? []).map(String).concat((m.table4_cells ?? []).filter(numeric));
      const window = [...Array(40).keys()].map((i) => m.table4_line + i).filter((l) => l < doc.lines.length);
      assert.deepEqual(scopedTexts(doc, window, S.cell).slice(0, t4.length).map(halfWidth), t4, 'table 四 numbers');
      for (const [kind, lines] of Object.entries(m.marked_lines ?? {})) {
        if (!MARK_SCOPE[kind]) continue;
        for (const l of lines) assert.ok(lineHas(doc, l, MARK_SCOPE[kind]), `${kind} on line ${l}: ${describeScopes(doc, l)}`);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------- long lines

// Timed in a worker thread that is terminated after a deadline: a runaway regex can block inside a single
// Oniguruma search, where neither vscode-textmate's time limit nor node:test's timeout can stop it.
const TIMING_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const { readFileSync } = require('node:fs');
const req = createRequire(workerData.root + 'package.json');
const vsctm = req('vscode-textmate');
const onig = req('vscode-oniguruma');
(async () => {
  const wasm = readFileSync(workerData.root + 'node_modules/vscode-oniguruma/release/onig.wasm');
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new onig.OnigScanner(p), createOnigString: (s) => new onig.OnigString(s) }),
    loadGrammar: async () => vsctm.parseRawGrammar(readFileSync(workerData.grammar, 'utf8'), workerData.grammar),
  });
  const grammar = await registry.loadGrammar(workerData.scopeName);
  grammar.tokenizeLine2('warm-up 0\\t1 | 2 一、总体情况', vsctm.INITIAL);
  parentPort.on('message', ({ unit, length, runs }) => {
    const line = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    let ms = Infinity;
    let stoppedEarly = false;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      stoppedEarly = grammar.tokenizeLine2(line, vsctm.INITIAL, 5000).stoppedEarly || stoppedEarly;
      ms = Math.min(ms, performance.now() - t0);
    }
    parentPort.postMessage({ ms, stoppedEarly });
  });
  parentPort.postMessage({ ready: true });
})();
`;

interface TimingJob {
  unit: string;
  length: number;
  runs: number;
}

/** Best-of-runs milliseconds for tokenizeLine2 on each job's line (the unit repeated to length UTF-16 units). */
function timeInWorker(jobs: TimingJob[], deadlineMs = 20_000): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(TIMING_WORKER, { eval: true, workerData: { root: ROOT, grammar: GRAMMAR_PATH, scopeName: SCOPE_NAME } });
    const times: number[] = [];
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`no result within ${deadlineMs} ms: catastrophic backtracking?`));
    }, deadlineMs);
    const finish = (err?: Error) => {
      clearTimeout(timer);
      void worker.terminate();
      if (err) reject(err);
      else resolve(times);
    };
    worker.on('error', (e) => finish(e));
    worker.on('message', (m: { ready?: true; ms?: number; stoppedEarly?: boolean }) => {
      if (m.stoppedEarly) return finish(new Error(`tokenization stopped early (time limit) on job ${times.length}`));
      if (m.ms !== undefined) times.push(m.ms);
      if (times.length === jobs.length) return finish();
      worker.postMessage(jobs[times.length]);
    });
  });
}

describe('long lines stay linear-time', () => {
  for (const unit of ['0\t', '一、']) {
    it(`tokenizes a 200 KB line of ${JSON.stringify(unit)} in well under a second`, async () => {
      const [ms] = await timeInWorker([{ unit, length: 200_000, runs: 1 }]);
      // Measured 250–400 ms here; the margin is for a loaded CI machine, a backtracking regex takes minutes.
      assert.ok(ms < 3000, `${ms.toFixed(0)} ms`);
    });
  }

  it('finds every cell of a 20 KB line of "0\\t" and of "0 "', async () => {
    assert.equal(scopedTexts(await tokenize('0\t'.repeat(10_000)), [0], S.cell).length, 10_000);
    assert.equal(scopedTexts(await tokenize('0 '.repeat(10_000)), [0], S.cell).length, 10_000);
  });

  // Eight times the text must cost about eight times the time, not sixty-four (quadratic) or worse.
  const UNITS = ['0\t', '一、', '0 ', '| 0 ', '结果 ', '（二）部分公开（', '1.申请人无正当理由逾期不补正 ', '\u00a00', ' ', '一、总体情况', '复议', '0'];
  for (const unit of UNITS) {
    it(`grows linearly on a line of ${JSON.stringify(unit)} (25 KB → 200 KB)`, async () => {
      const [small, large] = await timeInWorker([
        { unit, length: 25_000, runs: 3 },
        { unit, length: 200_000, runs: 1 },
      ]);
      assert.ok(large < 20 * Math.max(small, 5) + 100, `25 KB: ${small.toFixed(0)} ms, 200 KB: ${large.toFixed(0)} ms`);
    });
  }
});
