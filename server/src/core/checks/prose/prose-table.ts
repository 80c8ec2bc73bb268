// prose-table: a number the prose states about the agency's own tables must be the table's number.
// Precision first: a number is compared only when the clause names its topic right before it, the
// sentence is about this agency, this year and this role, and it is a finding only when no reading
// of the sentence agrees with the table (收到 may be 新收 or 新收 + 上年结转; 办结 may exclude 其他处理).
import { defineRule } from '../rule.js';
import type { Report } from '../../model.js';
import type { Locale } from '../rule.js';
import type { Table, TableCell } from '../../tables.js';
import {
  type Built,
  type Clause,
  cellName,
  clauseRange,
  clausesOf,
  formatNumber,
  proseLines,
  numbersIn,
  rowValue,
  say,
  emitter,
 } from './common.js';

type TableId = Table['def']['id'];
interface Reading {
  value: number;
  cells: TableCell[];
  zh: string;
  en: string;
}
interface Topic {
  id: string;
  zh: string;
  en: string;
  /** The words that name the topic right before the number. */
  words: RegExp;
  /** Sections whose prose may restate it (0: before the first section heading). */
  sections: number[];
  /** Table values the sentence may mean; the first is the plain reading. */
  readings(r: Report, s: SentenceState): Reading[];
  /** The clause must (or must not) say this for the number to be about the topic. */
  clauseNeeds?: RegExp;
  clauseRefuses?: RegExp;
  /** The sentence must say this in sections other than the topic's own. */
  overviewNeeds?: RegExp;
  home: number;
  /** The units the number must be written with. */
  units: readonly string[];
  /** Amounts (万元 in the table) are compared to the table's written precision, in the prose's unit. */
  amount?: boolean;
}
interface SentenceState {
  /** The last case kind the sentence spoke of: 行政复议 or 行政诉讼 (for 维持/纠正 after them). */
  caseKind: 'review' | 'litigation' | null;
  /** The last document kind named: 规章 or 规范性文件. */
  docKind: 'rules' | 'normativeDocuments' | null;
}

const TOTAL = 'total';
function one(r: Report, table: TableId, row: string, column: string, zh: string, en: string): Reading | null {
  const v = rowValue(r, table, row, column);
  return v ? { value: v.value, cells: v.cells, zh, en } : null;
}
function combine(parts: (Reading | null)[], sign: number[], zh: string, en: string): Reading | null {
  if (parts.some((p) => p === null)) return null;
  let value = 0;
  parts.forEach((p, i) => (value += sign[i] * p!.value));
  return value < 0 ? null : { value, cells: parts.flatMap((p) => p!.cells), zh, en };
}
const present = (xs: (Reading | null)[]) => xs.filter((x): x is Reading => x !== null);

const app = (row: string, zh: string, en: string) => (r: Report) => present([one(r, 'applications', row, TOTAL, zh, en)]);
const newly = (r: Report) => one(r, 'applications', 'newlyReceived', TOTAL, '一、本年新收', 'I. new');
const carried = (r: Report) => one(r, 'applications', 'carriedOver', TOTAL, '二、上年结转', 'II. carried over');
const results = (r: Report) => one(r, 'applications', 'resultTotal', TOTAL, '（七）总计', '(7) total');
const other = (r: Report) => one(r, 'applications', 'otherDisposal', TOTAL, '（六）其他处理', '(6) other disposal');
const notProcessed = (r: Report) => one(r, 'applications', 'notProcessed', TOTAL, '（五）不予处理', '(5) not processed');

function outcome(kind: 'upheld' | 'corrected' | 'other' | 'pending' | 'total') {
  return (r: Report, s: SentenceState): Reading[] => {
    const col = (p: string, zh: string, en: string) => one(r, 'reviewLitigation', 'cases', `${p}.${kind}`, zh, en);
    if (s.caseKind === 'review') return present([col('review', '行政复议', 'review')]);
    if (s.caseKind !== 'litigation') return [];
    const direct = col('litigationDirect', '未经复议直接起诉', 'direct litigation');
    const after = col('litigationAfterReview', '复议后起诉', 'litigation after review');
    return present([combine([direct, after], [1, 1], '行政诉讼合计', 'litigation in total'), direct, after]);
  };
}
function disclosure(row: string, column: string, zh: string, en: string) {
  return (r: Report) => present([one(r, 'activeDisclosure', row, column, zh, en)]);
}
function documents(column: 'issued' | 'repealed' | 'inForce') {
  return (r: Report, s: SentenceState): Reading[] => {
    if (!s.docKind) return [];
    const [zh, en] = s.docKind === 'rules' ? ['规章', 'rules'] : ['行政规范性文件', 'normative documents'];
    return present([one(r, 'activeDisclosure', s.docKind, column, zh, en)]);
  };
}

const COUNT = ['件', '起'];
const MONEY = ['万元', '元'];
const DOC_COUNT = ['件'];
const APPLICATION_SECTIONS = [0, 1, 3];
const APPLICATION = /申请/;
const NOT_APPLICATION = /各类|各种|所有|复议|诉讼|起诉|信访|投诉|举报|许可|审批|登记|政务服务|办件|事项|业务|来信|来电|诉求|意见|案件/;
// In the overview a count of applications must say which applications it counts.
const ABOUT_DISCLOSURE = /信息公开|依申请|公开申请|政府信息/;
// 4 cases "其中涉及政府信息公开的1件": the first count is of every case, not table 四's.
const BROADER_CASES = /其中[^。；]{0,12}(?:涉及|关于|属于|针对)?政府信息公开/;

const TOPICS: Topic[] = [
  {
    id: 'carriedForward', zh: '结转下年度继续办理', en: 'carried into next year',
    words: /结转(?:至|到|入)?下(?:一)?年度?|转入下(?:一)?年度?|结转下一年度?/g,
    sections: APPLICATION_SECTIONS, home: 3, units: COUNT, overviewNeeds: APPLICATION, clauseRefuses: NOT_APPLICATION,
    readings: app('carriedForward', '四、结转下年度继续办理', 'IV. carried forward'),
  },
  {
    id: 'carriedOver', zh: '上年结转', en: 'carried over from last year',
    words: /上(?:一)?年度?结转|结转上(?:一)?年度?/g,
    sections: APPLICATION_SECTIONS, home: 3, units: COUNT, overviewNeeds: APPLICATION, clauseRefuses: NOT_APPLICATION,
    readings: app('carriedOver', '二、上年结转', 'II. carried over'),
  },
  {
    id: 'received', zh: '收到申请', en: 'applications received',
    words: /新收到?|共?收到|共?受理|共?接收到?|收悉/g,
    sections: APPLICATION_SECTIONS, home: 3, units: COUNT, clauseNeeds: APPLICATION, clauseRefuses: NOT_APPLICATION, overviewNeeds: ABOUT_DISCLOSURE,
    readings: (r) => present([newly(r), combine([newly(r), carried(r)], [1, 1], '一、本年新收与二、上年结转之和', 'I + II')]),
  },
  {
    id: 'granted', zh: '予以公开', en: 'disclosed', words: /(?<!不)予以公开|同意公开/g,
    sections: APPLICATION_SECTIONS, home: 3, units: COUNT, overviewNeeds: APPLICATION,
    readings: app('granted', '（一）予以公开', '(1) disclosed'),
  },
  {
    id: 'partiallyGranted', zh: '部分公开', en: 'partly disclosed', words: /部分公开/g,
    sections: APPLICATION_SECTIONS, home: 3, units: COUNT, overviewNeeds: APPLICATION,
    readings: app('partiallyGranted', '（二）部分公开', '(2) partly disclosed'),
  },
  {
    id: 'withheld', zh: '不予公开', en: 'withheld', words: /不予(?:以)?公开/g,
    sections: APPLICATION_SECTIONS, home: 3, units: COUNT, overviewNeeds: APPLICATION,
    readings: app('withheld', '（三）不予公开', '(3) withheld'),
  },
  {
    id: 'unavailable', zh: '无法提供', en: 'cannot be provided', words: /无法提供/g,
    sections: APPLICATION_SECTIONS, home: 3, units: COUNT, overviewNeeds: APPLICATION,
    readings: app('unavailable', '（四）无法提供', '(4) cannot be provided'),
  },
  {
    id: 'notProcessed', zh: '不予处理', en: 'not processed', words: /不予处理/g,
    sections: APPLICATION_SECTIONS, home: 3, units: COUNT, overviewNeeds: APPLICATION,
    readings: app('notProcessed', '（五）不予处理', '(5) not processed'),
  },
  {
    id: 'otherDisposal', zh: '其他处理', en: 'other disposal', words: /其他处理/g,
    sections: APPLICATION_SECTIONS, home: 3, units: COUNT, overviewNeeds: APPLICATION,
    readings: app('otherDisposal', '（六）其他处理', '(6) other disposal'),
  },
  {
    id: 'resultTotal', zh: '办结', en: 'completed', words: /办结|答复|办理完毕|处理完毕/g,
    sections: APPLICATION_SECTIONS, home: 3, units: COUNT, overviewNeeds: APPLICATION, clauseRefuses: NOT_APPLICATION,
    readings: (r) =>
      present([
        results(r),
        combine([results(r), other(r)], [1, -1], '（七）总计减（六）其他处理', '(7) − (6)'),
        combine([results(r), other(r), notProcessed(r)], [1, -1, -1], '（七）总计减（五）（六）', '(7) − (5) − (6)'),
        combine([results(r), carried(r)], [1, -1], '（七）总计减二、上年结转', '(7) − II'),
        newly(r),
        combine([newly(r), carried(r)], [1, 1], '一、本年新收与二、上年结转之和', 'I + II'),
      ]),
  },
  {
    id: 'review', zh: '行政复议', en: 'administrative reviews', words: /行政复议|复议/g,
    sections: [0, 1, 4], home: 4, units: COUNT, overviewNeeds: /被申请|被提起|被起诉|作为被申请人|作为被告|因政府信息公开|涉及政府信息公开/,
    clauseRefuses: /复议后|经复议/,
    readings: outcome('total'),
  },
  {
    id: 'litigation', zh: '行政诉讼', en: 'lawsuits', words: /行政诉讼|诉讼|起诉/g,
    sections: [0, 1, 4], home: 4, units: COUNT, overviewNeeds: /被申请|被提起|被起诉|作为被申请人|作为被告|因政府信息公开|涉及政府信息公开/,
    readings: outcome('total'),
  },
  { id: 'upheld', zh: '结果维持', en: 'upheld', words: /维持/g, sections: [0, 1, 4], home: 4, units: COUNT, overviewNeeds: /被申请|被提起|被起诉|作为被申请人|作为被告/, readings: outcome('upheld') },
  { id: 'corrected', zh: '结果纠正', en: 'corrected', words: /纠正|撤销|确认违法/g, sections: [0, 1, 4], home: 4, units: COUNT, overviewNeeds: /被申请|被提起|被起诉|作为被申请人|作为被告/, readings: outcome('corrected') },
  { id: 'otherOutcome', zh: '其他结果', en: 'other outcome', words: /其他结果/g, sections: [0, 1, 4], home: 4, units: COUNT, overviewNeeds: /被申请|被提起|被起诉|作为被申请人|作为被告/, readings: outcome('other') },
  { id: 'pending', zh: '尚未审结', en: 'pending', words: /尚未审结|未审结/g, sections: [0, 1, 4], home: 4, units: COUNT, overviewNeeds: /被申请|被提起|被起诉|作为被申请人|作为被告/, readings: outcome('pending') },
  {
    id: 'licensing', zh: '行政许可', en: 'licensing decisions', words: /行政许可/g, sections: [0, 1, 2], home: 2, units: COUNT,
    clauseRefuses: /事项|类|种|目录|清单|信息|结果|申请|受理/, readings: disclosure('licensing', 'decisions', '行政许可', 'licensing'),
  },
  {
    id: 'penalty', zh: '行政处罚', en: 'penalty decisions', words: /行政处罚/g, sections: [0, 1, 2], home: 2, units: COUNT,
    clauseRefuses: /事项|类|种|目录|清单|信息|结果|裁量|申请|受理/, readings: disclosure('penalty', 'decisions', '行政处罚', 'penalties'),
  },
  {
    id: 'enforcement', zh: '行政强制', en: 'coercive measures', words: /行政强制/g, sections: [0, 1, 2], home: 2, units: COUNT,
    clauseRefuses: /事项|类|种|目录|清单|信息|结果|申请|受理/, readings: disclosure('enforcement', 'decisions', '行政强制', 'coercive measures'),
  },
  {
    id: 'administrativeFees', zh: '行政事业性收费', en: 'administrative fees', words: /行政事业性收费(?:金额)?/g, sections: [0, 1, 2], home: 2, units: MONEY, amount: true,
    readings: disclosure('administrativeFees', 'feeAmount', '行政事业性收费（万元）', 'administrative fees (10k yuan)'),
  },
  { id: 'issued', zh: '本年制发', en: 'issued', words: /制发|印发|出台|制定/g, sections: [0, 1, 2], home: 2, units: DOC_COUNT, readings: documents('issued') },
  { id: 'repealed', zh: '本年废止', en: 'repealed', words: /废止|宣布失效/g, sections: [0, 1, 2], home: 2, units: DOC_COUNT, readings: documents('repealed') },
  { id: 'inForce', zh: '现行有效', en: 'in force', words: /现行有效/g, sections: [0, 1, 2], home: 2, units: DOC_COUNT, readings: documents('inForce') },
];

// Sentences about someone else, or about another role of the agency, or that cannot be read as a
// plain restatement: never compared.
const OTHER_BODY =
  /[区市县省州镇乡]政府(?!信息)|人民政府(?!信息)|管委会|各部门|各单位|各镇|各街道|各乡镇|各县|各区|下属|下级|所属|全区|全市|全县|全省|全州|全系统|系统内|政协|人大|议案|提案|建议|信访|热线|12345|信箱|留言|咨询|代为|协助|指导|督促|清理|合法性审查|备案|审核|审查/;
const PORTAL = /(?:[区市县省州镇乡]|人民)?政府(?:门户)?网站|政府信息公开(?:网|平台|专栏)/g;
const REVIEWER = /审理|受理.{0,10}复议|收到.{0,16}复议|办理.{0,10}复议(?:案件|申请)|复议机关|作出.{0,6}复议决定|复议决定书|代理|行政复议(?:工作|职责)/;
const OTHER_TIME = /去年|上年(?!度?结转)|上一年(?!度?结转)|同比|环比|较上|比上|相比|增长|减少|下降|上升|增加|累计|历年|月份|季度|[上下]半年|截至|截止/;
const APPROXIMATE_BEFORE = /(?:约|近|超过|逾|不足|少于|多于|第|平均|每)\s*$/;
const APPROXIMATE_AFTER = /^\s*(?:件|起)?\s*(?:次|事|以上|左右|多|余|内|中的|之中)/;
const GAP_STOP = /[0-9０-９（）()【】[\]〔〕“”"《》]|其中|包括|含|占|比例|率|每/;
const APPLICANT = /自然人|法人|企业|机构|组织|个人|公民|网上|网络|在线|信函|当面|邮寄|传真|电子邮件|邮箱|现场|窗口|线上(?!和线下|线下)|(?<!和|线上)线下/;
const WORD_DOC = /规章(?!制度)|(?:行政)?规范性文件/g;
const NAMES_DOCUMENTS = /规章(?!制度)|规范性文件/;

interface Claim {
  topic: Topic;
  clause: Clause;
  number: ReturnType<typeof numbersIn>[number];
  readings: Reading[];
}

/** Regex tests on one text, each made once: the clause, sentence and paragraph tests repeat per number. */
class Memo {
  // Made on the first test: most memos are never asked.
  private seen: Map<RegExp, boolean> | null = null;
  constructor(readonly text: string) {}
  test(re: RegExp): boolean {
    this.seen ??= new Map();
    let v = this.seen.get(re);
    if (v === undefined) this.seen.set(re, (v = re.test(this.text)));
    return v;
  }
}
interface Context {
  clause: Clause;
  inClause: Memo;
  inSentence: Memo;
  inParagraph: Memo;
}

/** Every unit a topic's number may be written with: a number in another unit is never a claim. */
const CLAIM_UNITS: ReadonlySet<string> = new Set(TOPICS.flatMap((t) => t.units));
/** A character of each claim unit: a clause holding none of them holds no claim (most clauses). */
const CLAIM_UNIT_CHAR = new RegExp(`[${[...new Set([...CLAIM_UNITS].map((u) => u[u.length - 1]))].join('')}]`);

/** What a sentence is about as a whole: tested once, and only for sentences with a clause that may hold a claim. */
interface SentenceFacts {
  line: number;
  start: number;
  /** About someone else, another period or another role: no number in it is compared. */
  skip: boolean;
  inSentence: Memo;
  kinds: SentenceKinds;
}
function sentenceFacts(report: Report, c: Clause): SentenceFacts {
  const sentence = c.sentence.replace(PORTAL, '');
  return { line: c.line, start: c.sentenceStart, skip: OTHER_BODY.test(sentence) || namesOtherYear(report, sentence), inSentence: new Memo(sentence), kinds: new SentenceKinds(c.sentence) };
}
const YEAR = /((?:19|20)\d{2})\s*年/g;
/** Years other than the report year: another period, or a plan for the next one. */
function namesOtherYear(report: Report, sentence: string): boolean {
  for (const m of sentence.matchAll(YEAR)) if (Number(m[1]) !== report.year) return true;
  return false;
}

/** The numbers of the prose that restate a table value. */
export function proseClaims(report: Report): Claim[] {
  // Without the report year no sentence can be placed in time.
  if (report.year === null) return [];
  const out: Claim[] = [];
  let facts: SentenceFacts | null = null;
  let inParagraph = new Memo('');
  // The table values a topic may mean depend only on the topic and the sentence's case and document kind.
  const readingCache = new Map<string, Reading[]>();
  // Only the clauses that hold a claim unit, line by line: the other lines are not even cut into clauses.
  for (const l of proseLines(report)) {
    if (!CLAIM_UNIT_CHAR.test(l.text)) continue;
    for (const c of clausesOf(l)) {
      if (!CLAIM_UNIT_CHAR.test(c.text)) continue;
      if (facts === null || facts.line !== c.line || facts.start !== c.sentenceStart) facts = sentenceFacts(report, c);
      if (facts.skip || OTHER_TIME.test(c.text)) continue;
      const nums = numbersIn(c.text).filter((n) => CLAIM_UNITS.has(n.unit));
      if (nums.length === 0) continue;
      const words = topicWords(c.text);
      if (words.length === 0) continue;
      if (inParagraph.text !== c.paragraph) inParagraph = new Memo(c.paragraph);
      const ctx: Context = { clause: c, inClause: new Memo(c.text), inSentence: facts.inSentence, inParagraph };
      let w = -1;
      for (const n of nums) {
        // What names the number stands right before it (the gap is at most 24 characters).
        while (w + 1 < words.length && words[w + 1].end <= n.start) w++;
        if (w < 0) continue;
        let topic = topicBefore(words[w], c.text.slice(words[w].end, n.start), ctx);
        // "办结本年新收申请60件": two application topics name the number; it is neither's plain restatement.
        if (topic?.home === 3 && namedWithOtherApplicationTopic(words, w)) topic = null;
        if (!topic || !topic.units.includes(n.unit)) continue;
        const before = c.text.slice(Math.max(0, n.start - 40), n.start);
        const after = c.text.slice(n.unitEnd, n.unitEnd + 8).replace(/^\s*/, '');
        if (APPROXIMATE_BEFORE.test(before) || APPROXIMATE_AFTER.test(after) || /[余多]$/.test(n.raw)) continue;
        if (topic.home === 4 && (ctx.inSentence.test(REVIEWER) || ctx.inSentence.test(BROADER_CASES))) continue;
        const state = facts.kinds.at(c.start - c.sentenceStart + n.start);
        const rkey = `${topic.id}|${state.caseKind}|${state.docKind}`;
        let readings = readingCache.get(rkey);
        if (!readings) readingCache.set(rkey, (readings = topic.readings(report, state)));
        if (readings.length === 0) continue;
        out.push({ topic, clause: c, number: n, readings });
      }
    }
  }
  return out;
}

/** Whether an application topic other than words[w]'s is named before words[w] starts. */
function namedWithOtherApplicationTopic(words: readonly TopicWord[], w: number): boolean {
  const t = words[w];
  for (let i = 0; i < w; i++) if (words[i].topic.home === 3 && words[i].topic !== t.topic && words[i].end <= t.start) return true;
  return false;
}

const CASE_REVIEW = /行政复议|复议(?!后)/g;
const CASE_LITIGATION = /行政诉讼|诉讼|起诉/g;
/**
 * The case kind and the document kind a sentence spoke of last: what 维持/纠正 and 制发/废止 refer to. Read on
 * from claim to claim (their offsets only grow), so each sentence is read once. None of the words holds a
 * numeral, so a word that starts before a number ends before it: reading in pieces cut at numbers is exact.
 */
class SentenceKinds {
  private read = 0;
  private readonly state: SentenceState = { caseKind: null, docKind: null };
  constructor(private readonly sentence: string) {}
  /** What the sentence spoke of before offset `end`. */
  at(end: number): SentenceState {
    if (end > this.read) {
      readKinds(this.state, this.sentence.slice(this.read, end));
      this.read = end;
    }
    return this.state;
  }
}
function readKinds(state: SentenceState, text: string): void {
  // Most stretches name neither a case kind nor a document kind: looking for the words first is cheaper than the searches.
  if (!text.includes('复议') && !text.includes('诉讼') && !text.includes('起诉') && !text.includes('规章') && !text.includes('规范性文件')) return;
  let last = -1;
  for (const m of text.matchAll(CASE_REVIEW)) if (m.index! > last) ((last = m.index!), (state.caseKind = 'review'));
  for (const m of text.matchAll(CASE_LITIGATION)) if (m.index! > last) ((last = m.index!), (state.caseKind = 'litigation'));
  let lastDoc = -1;
  for (const m of text.matchAll(WORD_DOC)) if (m.index! > lastDoc) ((lastDoc = m.index!), (state.docKind = m[0] === '规章' ? 'rules' : 'normativeDocuments'));
}

/** The topic named last before the number, when what lies between them is only filler. */
interface TopicWord {
  topic: Topic;
  start: number;
  end: number;
}

const ANY_TOPIC_WORD = new RegExp(TOPICS.map((t) => `(?:${t.words.source})`).join('|'));

/** Every topic word of a clause, by where it ends (of two ending together, the longer one last). */
function topicWords(text: string): TopicWord[] {
  // One search for any topic word first: a clause naming none (a date, a count of visits) needs no
  // search per topic. The union matches exactly where some topic's own words match.
  if (!ANY_TOPIC_WORD.test(text)) return [];
  const out: TopicWord[] = [];
  for (const topic of TOPICS) {
    // exec on the topic's own expression (matchAll would copy it per clause and topic).
    const re = topic.words;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push({ topic, start: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.end - b.end || b.start - a.start);
}

/** The topic named last before the number, when what lies between them (gap) is only filler. */
function topicBefore(best: TopicWord, gap: string, ctx: Context): Topic | null {
  const t = best.topic;
  const c = ctx.clause;
  if (gap.length > 24 || GAP_STOP.test(gap)) return null;
  if (!t.sections.includes(c.section)) return null;
  if (t.clauseNeeds && !ctx.inClause.test(t.clauseNeeds)) return null;
  if (t.clauseRefuses && ctx.inClause.test(t.clauseRefuses)) return null;
  if (t.home === 3 && ctx.inClause.test(APPLICANT)) return null;
  if (c.section !== t.home && t.overviewNeeds && !ctx.inParagraph.test(t.overviewNeeds)) return null;
  if (t.home === 2 && (t.id === 'issued' || t.id === 'repealed' || t.id === 'inForce') && !ctx.inSentence.test(NAMES_DOCUMENTS)) return null;
  return t;
}

/** Cells that take part in a broken identity of their table: the table, not the prose, may be wrong there. */
function suspectCells(report: Report): Set<TableCell> {
  const out = new Set<TableCell>();
  for (const eq of report.equations) {
    if (eq.status !== 'broken') continue;
    for (const o of [...eq.left, ...eq.right, eq.anchor]) if (o.cell) out.add(o.cell);
  }
  return out;
}

export default defineRule({
  id: 'prose-table',
  severity: 'error',
  title: { 'zh-cn': '正文数字与表格不符', en: 'A number in the text contradicts the table' },
  fixable: true,
  tags: ['prose'],
  needs: 'tables',
  check({ report, locale, emit }) {
    const out = emitter(emit);
    // Made only when there is a finding to grade.
    let suspectMemo: Set<TableCell> | null = null;
    const suspectOf = () => (suspectMemo ??= suspectCells(report));
    for (const claim of proseClaims(report)) {
      const { topic, clause, number, readings } = claim;
      if (readings.some((r) => agrees(topic, number, r))) continue;
      const plain = readings[0];
      const certain = readings.length === 1 && clause.section === topic.home;
      const range = clauseRange(clause, number.start, number.end);
      const tableName = plain.cells[0] ? tableOf(plain.cells[0], locale) : '';
      const list = readings.map((r) => `${say(locale, r.zh, r.en)} ${r.value}`).join(say(locale, '；', '; '));
      const message =
        readings.length === 1
          ? say(
              locale,
              `正文称${topic.zh}${number.raw}${number.unit || '件'}，${tableName}${plain.zh}为${plain.value}`,
              `The text says ${number.raw} ${topic.en}; ${tableName} ${plain.en} is ${plain.value}`,
            )
          : say(
              locale,
              `正文称${topic.zh}${number.raw}${number.unit || '件'}，与表格任一理解均不符（${list}）`,
              `The text says ${number.raw} ${topic.en}, which fits no reading of the table (${list})`,
            );
      // Where the table's own sums fail at the cell, the table may be what is wrong: say so, fix nothing.
      const tableInDoubt = plain.cells.some((cell) => suspectOf().has(cell));
      const doubt = tableInDoubt ? say(locale, '（表格该处的合计关系也不成立，请先核对表格）', ' (the table\'s own sums fail there: check the table first)') : '';
      const twoAs = number.raw === '两' ? '两' : '二';
      const newText = topic.amount ? amountText(number, plain) : formatNumber(plain.value, number.style, twoAs);
      out({
        severity: certain && !tableInDoubt ? 'error' : 'warning',
        range,
        message: message + doubt,
        related: plain.cells.map((cell) => ({ range: cell.range, message: `${cellName(cell, locale)}：${cell.raw.trim()}` })),
        ...(readings.length === 1 && !tableInDoubt
          ? { fix: { title: say(locale, `改为表格中的数字 ${newText}`, `Write the table's number ${newText}`), edits: [{ range, newText }] } }
          : {}),
      });
    }
    for (const f of noneReceived(report, locale, suspectOf)) out(f);
    return;
  },
});

function tableOf(cell: TableCell, l: Locale): string {
  const id = cell.column.id;
  if (id.startsWith('review') || id.startsWith('litigation')) return say(l, '表四', 'table 4');
  if (id === 'decisions' || id === 'issued' || id === 'repealed' || id === 'inForce') return say(l, '表二', 'table 2');
  return say(l, '表三', 'table 3');
}

/** Decimal places a cell is written with ("1.50" → 2). */
function decimals(cell: TableCell | undefined): number {
  const m = /[.．](\d+)/.exec(cell?.raw ?? '');
  return m ? m[1].length : 0;
}

function agrees(topic: Topic, n: ReturnType<typeof numbersIn>[number], r: Reading): boolean {
  if (!topic.amount) return r.value === n.value;
  // The table states 万元 to some precision: the prose agrees when it rounds to the same figure.
  const tol = 0.5 * 10 ** -decimals(r.cells[0]) + 1e-9;
  const inTenThousands = n.unit === '元' ? n.value / 10000 : n.value;
  return Math.abs(inTenThousands - r.value) <= tol;
}

function amountText(n: ReturnType<typeof numbersIn>[number], r: Reading): string {
  const v = n.unit === '元' ? Math.round(r.value * 10000 * 100) / 100 : r.value;
  return formatNumber(v, n.style === 'chinese' ? 'digits' : n.style);
}

// "全年未收到政府信息公开申请" says 0 new applications in words. Only the plain wording counts: "未收到涉及…的
// 申请" is about a subset, "未收到复议申请" about another role.
const NONE_RECEIVED = /未(?:收到|受理|接到|接收到?)(?:任何)?(?:有关|关于)?(?:政府信息公开|依申请公开|信息公开)(?:事务)?的?申请/g;

function noneReceived(report: Report, locale: Locale, suspect: () => Set<TableCell>): Built[] {
  if (report.year === null) return [];
  const out: Built[] = [];
  let v: Reading | null = null;
  for (const l of proseLines(report)) {
    // The wording first (it needs 未, which few lines hold), then whether the clause may be read at all.
    if (!APPLICATION_SECTIONS.includes(l.section) || !l.text.includes('未')) continue;
    for (const c of clausesOf(l)) {
      if (c.text.search(NONE_RECEIVED) < 0) continue;
      v ??= newly(report);
      if (!v || v.value === 0) return [];
      const sentence = c.sentence.replace(PORTAL, '');
      if (OTHER_BODY.test(sentence) || OTHER_TIME.test(c.text) || NOT_APPLICATION.test(c.text) || namesOtherYear(report, sentence)) continue;
      for (const m of c.text.matchAll(NONE_RECEIVED)) {
        const doubt = v.cells.some((cell) => suspect().has(cell));
        out.push({
          severity: 'warning',
          range: clauseRange(c, m.index!, m.index! + m[0].length),
          message:
            say(locale, `正文称${m[0]}，表三一、本年新收为${v.value}`, `The text says no applications were received; table 3 I. new applications is ${v.value}`) +
            (doubt ? say(locale, '（表格该处的合计关系也不成立，请先核对表格）', " (the table's own sums fail there: check the table first)") : ''),
          related: v.cells.map((cell) => ({ range: cell.range, message: `${cellName(cell, locale)}：${cell.raw.trim()}` })),
        });
      }
    }
  }
  return out;
}
