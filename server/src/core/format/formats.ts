// The statutory formats, as data: 国办公开办函〔2021〕30号 and 〔2019〕60号. Everything the engine knows
// about labels, rows, columns and the arithmetic between them comes from here.
import { DETECTION_INPUT } from './detection.js';
import { type DetectionDef, detectionSchema, formatSchema, type FormatDef, type FormatInput } from './schema.js';

type PartInput = FormatInput['tables'][number]['parts'][number];
type HeaderInput = NonNullable<PartInput['header']>;

const sections: FormatInput['sections'] = [
  {
    number: 1,
    numbering: '一、',
    title: '总体情况',
    en: 'Overview',
    keywords: [['总体情况'], ['总体']],
    skeleton: '（一）主动公开政府信息情况\n\n（二）依申请公开政府信息情况\n\n（三）政府信息管理情况\n\n（四）政府信息公开平台建设情况\n\n（五）监督保障情况\n',
  },
  {
    number: 2,
    numbering: '二、',
    title: '主动公开政府信息情况',
    en: 'Proactive disclosure',
    variants: ['行政机关主动公开政府信息情况'],
    keywords: [['主动公开']],
  },
  {
    number: 3,
    numbering: '三、',
    title: '收到和处理政府信息公开申请情况',
    en: 'Applications received and handled',
    variants: ['收到和处理政府信息公开申请的情况', '依申请公开政府信息情况'],
    keywords: [['收到', '处理', '申请'], ['依申请']],
  },
  {
    number: 4,
    numbering: '四、',
    title: '政府信息公开行政复议、行政诉讼情况',
    en: 'Administrative review and litigation',
    variants: ['因政府信息公开工作被申请行政复议、提起行政诉讼情况'],
    keywords: [['复议'], ['诉讼']],
  },
  {
    number: 5,
    numbering: '五、',
    title: '存在的主要问题及改进情况',
    en: 'Main problems and improvements',
    variants: ['政府信息公开工作存在的主要问题及改进情况', '当前存在的主要问题及下一步改进措施'],
    keywords: [['主要问题'], ['存在', '问题'], ['改进']],
  },
  {
    number: 6,
    numbering: '六、',
    title: '其他需要报告的事项',
    en: 'Other matters to report',
    keywords: [['其他需要报告'], ['其他', '报告', '事项']],
    skeleton: '收取信息处理费的情况：\n',
  },
];

const applicantColumns: FormatInput['tables'][number]['parts'][number]['columns'] = [
  { id: 'naturalPerson', label: '自然人', en: 'Natural persons' },
  { id: 'commercial', label: '商业企业', en: 'Businesses', group: '法人或其他组织', groupEn: 'Legal persons or other organisations' },
  { id: 'research', label: '科研机构', en: 'Research institutions', group: '法人或其他组织', groupEn: 'Legal persons or other organisations' },
  { id: 'publicInterest', label: '社会公益组织', en: 'Public-interest organisations', group: '法人或其他组织', groupEn: 'Legal persons or other organisations' },
  { id: 'legalService', label: '法律服务机构', en: 'Legal service providers', group: '法人或其他组织', groupEn: 'Legal persons or other organisations' },
  { id: 'otherOrganization', label: '其他', en: 'Other organisations', group: '法人或其他组织', groupEn: 'Legal persons or other organisations' },
  { id: 'total', label: '总计', en: 'Total' },
];

type RowInput = FormatInput['tables'][number]['parts'][number]['rows'][number];

const resultRowsBeforeOther: RowInput[] = [
  { id: 'granted', label: '（一）予以公开', en: '(1) Disclosed', group: 'results' },
  {
    id: 'partiallyGranted',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    short: '（二）部分公开',
    en: '(2) Partly disclosed',
    group: 'results',
  },
  { id: 'withheld.stateSecret', label: '1.属于国家秘密', short: '（三）1.属于国家秘密', en: '(3)1 State secret', group: 'withheld' },
  { id: 'withheld.prohibitedByLaw', label: '2.其他法律行政法规禁止公开', short: '（三）2.其他法律行政法规禁止公开', en: '(3)2 Prohibited by other laws', group: 'withheld' },
  { id: 'withheld.securityStability', label: '3.危及“三安全一稳定”', short: '（三）3.危及“三安全一稳定”', en: '(3)3 Endangers security or stability', group: 'withheld' },
  { id: 'withheld.thirdPartyRights', label: '4.保护第三方合法权益', short: '（三）4.保护第三方合法权益', en: "(3)4 Third parties' rights", group: 'withheld' },
  { id: 'withheld.internalAffairs', label: '5.属于三类内部事务信息', short: '（三）5.属于三类内部事务信息', en: '(3)5 Internal affairs', group: 'withheld' },
  { id: 'withheld.processInformation', label: '6.属于四类过程性信息', short: '（三）6.属于四类过程性信息', en: '(3)6 Process information', group: 'withheld' },
  { id: 'withheld.enforcementFiles', label: '7.属于行政执法案卷', short: '（三）7.属于行政执法案卷', en: '(3)7 Enforcement files', group: 'withheld' },
  { id: 'withheld.inquiryMatters', label: '8.属于行政查询事项', short: '（三）8.属于行政查询事项', en: '(3)8 Administrative inquiry', group: 'withheld' },
  { id: 'unavailable.notHeld', label: '1.本机关不掌握相关政府信息', short: '（四）1.本机关不掌握相关政府信息', en: '(4)1 Not held', group: 'unavailable' },
  { id: 'unavailable.needsCreation', label: '2.没有现成信息需要另行制作', short: '（四）2.没有现成信息需要另行制作', en: '(4)2 Would need to be created', group: 'unavailable' },
  { id: 'unavailable.stillUnclear', label: '3.补正后申请内容仍不明确', short: '（四）3.补正后申请内容仍不明确', en: '(4)3 Still unclear after correction', group: 'unavailable' },
  { id: 'notProcessed.petition', label: '1.信访举报投诉类申请', short: '（五）1.信访举报投诉类申请', en: '(5)1 Petitions and complaints', group: 'notProcessed' },
  { id: 'notProcessed.repeated', label: '2.重复申请', short: '（五）2.重复申请', en: '(5)2 Repeated application', group: 'notProcessed' },
  { id: 'notProcessed.publications', label: '3.要求提供公开出版物', short: '（五）3.要求提供公开出版物', en: '(5)3 Published material requested', group: 'notProcessed' },
  { id: 'notProcessed.massRepeated', label: '4.无正当理由大量反复申请', short: '（五）4.无正当理由大量反复申请', en: '(5)4 Mass repeated applications', group: 'notProcessed' },
  {
    id: 'notProcessed.confirmation',
    label: '5.要求行政机关确认或重新出具已获取信息',
    short: '（五）5.要求行政机关确认或重新出具已获取信息',
    en: '(5)5 Confirmation or reissue requested',
    group: 'notProcessed',
  },
];

const topRowsBefore: RowInput[] = [
  { id: 'newlyReceived', label: '一、本年新收政府信息公开申请数量', short: '一、本年新收', en: 'I. New applications this year' },
  { id: 'carriedOver', label: '二、上年结转政府信息公开申请数量', short: '二、上年结转', en: 'II. Carried over from last year' },
];
const topRowsAfter: RowInput[] = [
  { id: 'resultTotal', label: '（七）总计', en: '(7) Total results', group: 'results' },
  { id: 'carriedForward', label: '四、结转下年度继续办理', short: '四、结转下年度', en: 'IV. Carried forward to next year' },
];

const otherDisposal2021: RowInput[] = [
  {
    id: 'otherDisposal.noCorrection',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    short: '（六）1.逾期不补正',
    en: '(6)1 No correction in time',
    group: 'otherDisposal',
  },
  {
    id: 'otherDisposal.feeUnpaid',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    short: '（六）2.逾期未缴费',
    en: '(6)2 Fee not paid in time',
    group: 'otherDisposal',
  },
  { id: 'otherDisposal.other', label: '3.其他', short: '（六）3.其他', en: '(6)3 Other', group: 'otherDisposal' },
];

const resultGroups = (otherDisposalIsGroup: boolean): FormatInput['tables'][number]['parts'][number]['groups'] => [
  { id: 'results', label: '三、本年度办理结果', en: 'III. Results this year' },
  { id: 'withheld', label: '（三）不予公开', en: '(3) Withheld', parent: 'results' },
  { id: 'unavailable', label: '（四）无法提供', en: '(4) Cannot be provided', parent: 'results' },
  { id: 'notProcessed', label: '（五）不予处理', en: '(5) Not processed', parent: 'results' },
  ...(otherDisposalIsGroup ? [{ id: 'otherDisposal', label: '（六）其他处理', en: '(6) Other disposal', parent: 'results' }] : []),
];

/** 表三's caption and its three header lines: 申请人情况 over 自然人, 法人或其他组织 (five columns) and 总计. */
export const APPLICATIONS_CAPTION = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const applicationsHeader: HeaderInput = [
  { labels: [APPLICATIONS_CAPTION, ''], values: ['申请人情况', '', '', '', '', '', ''] },
  { labels: ['', ''], values: ['自然人', '法人或其他组织', '', '', '', '', '总计'] },
  { labels: ['', ''], values: ['', ...applicantColumns.slice(1, 6).map((c) => c.label), ''] },
];

function applicationsPart(otherRows: RowInput[], otherDisposalIsGroup: boolean): FormatInput['tables'][number]['parts'][number] {
  const resultLeaves = [...resultRowsBeforeOther, ...otherRows].map((r) => r.id);
  return {
    id: 'applications',
    columns: applicantColumns,
    header: applicationsHeader,
    rows: [...topRowsBefore, ...resultRowsBeforeOther, ...otherRows, ...topRowsAfter],
    groups: resultGroups(otherDisposalIsGroup),
    identities: [
      // 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他, in every row.
      {
        rule: 'row-total',
        forEach: 'row',
        left: ['total'],
        right: applicantColumns.filter((c) => c.id !== 'total').map((c) => c.id),
        anchor: 'total',
      },
      // （七）总计 = every result leaf row, in every column.
      { rule: 'result-total', forEach: 'column', left: ['resultTotal'], right: resultLeaves, anchor: 'resultTotal' },
      // 勾稽关系：第一项加第二项之和，等于第三项加第四项之和.
      {
        rule: 'reconciliation',
        forEach: 'column',
        left: ['newlyReceived', 'carriedOver'],
        right: ['resultTotal', 'carriedForward'],
        anchor: 'carriedForward',
      },
    ],
  };
}

const applications = (otherRows: RowInput[], otherDisposalIsGroup: boolean): FormatInput['tables'][number] => ({
  id: 'applications',
  name: '表三',
  nameEn: 'Table 3',
  section: 3,
  openers: ['本列数据的勾稽关系为', '申请人情况'],
  parts: [applicationsPart(otherRows, otherDisposalIsGroup)],
  completionWords: ['表三', '申请情况', '依申请', '收到和处理', '勾稽', 'table3', 'applications'],
  snippetPrefixes: ['表三', '申请情况', '依申请', 'table3', 'applications'],
});

const outcomeColumns = (prefix: string, group: string, groupEn: string) => [
  { id: `${prefix}.upheld`, label: '结果维持', en: 'Upheld', group, groupEn },
  { id: `${prefix}.corrected`, label: '结果纠正', en: 'Corrected', group, groupEn },
  { id: `${prefix}.other`, label: '其他结果', en: 'Other outcome', group, groupEn },
  { id: `${prefix}.pending`, label: '尚未审结', en: 'Pending', group, groupEn },
  { id: `${prefix}.total`, label: '总计', en: 'Total', group, groupEn },
];
const outcomeGroups = [
  ['review', '行政复议', 'Administrative review'],
  ['litigationDirect', '行政诉讼·未经复议直接起诉', 'Litigation without prior review'],
  ['litigationAfterReview', '行政诉讼·复议后起诉', 'Litigation after review'],
] as const;

const reviewLitigation: FormatInput['tables'][number] = {
  id: 'reviewLitigation',
  name: '表四',
  nameEn: 'Table 4',
  section: 4,
  openers: ['行政复议'],
  completionWords: ['表四', '复议', '诉讼', '行政复议', '行政诉讼', 'table4', 'review', 'litigation'],
  snippetPrefixes: ['表四', '复议诉讼', '行政复议', 'table4', 'review'],
  parts: [
    {
      id: 'reviewLitigation',
      columns: outcomeGroups.flatMap(([p, g, ge]) => outcomeColumns(p, g, ge)),
      rows: [{ id: 'cases', label: '', en: 'Cases' }],
      labelledRows: false,
      // 行政复议 (five columns) and 行政诉讼 over 未经复议直接起诉 and 复议后起诉 (five each).
      header: [
        { values: ['行政复议', '', '', '', '', '行政诉讼', ...Array<string>(9).fill('')] },
        { values: [...outcomeColumns('', '', '').map((c) => c.label), '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''] },
        { values: [...Array<string>(5).fill(''), ...outcomeGroups.slice(1).flatMap(() => outcomeColumns('', '', '').map((c) => c.label))] },
      ],
      identities: outcomeGroups.map(([p]) => ({
        // 每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
        rule: 'outcome-total',
        forEach: 'row' as const,
        left: [`${p}.total`],
        right: [`${p}.upheld`, `${p}.corrected`, `${p}.other`, `${p}.pending`],
        anchor: `${p}.total`,
      })),
    },
  ],
};

/** 表二's header lines of one part: its caption, then 信息内容 over the column labels. */
function article20(part: Omit<PartInput, 'header'> & { caption: string }): PartInput {
  return { ...part, header: [{ labels: [part.caption], values: part.columns.map(() => '') }, { labels: ['信息内容'], values: part.columns.map((c) => c.label) }] };
}

const decisions = { id: 'decisions', label: '本年处理决定数量', en: 'Decisions this year' };

const activeDisclosure2021: FormatInput['tables'][number] = {
  id: 'activeDisclosure',
  name: '表二',
  nameEn: 'Table 2',
  section: 2,
  openers: ['第二十条第'],
  completionWords: ['表二', '主动公开', 'table2', 'proactive', 'disclosure'],
  snippetPrefixes: ['表二', '主动公开', 'table2', 'proactive'],
  parts: ([
    {
      id: 'article20Item1',
      caption: '第二十条第（一）项',
      columns: [
        { id: 'issued', label: '本年制发件数', en: 'Issued this year' },
        { id: 'repealed', label: '本年废止件数', en: 'Repealed this year' },
        { id: 'inForce', label: '现行有效件数', en: 'In force' },
      ],
      rows: [
        { id: 'rules', label: '规章', en: 'Rules' },
        { id: 'normativeDocuments', label: '行政规范性文件', en: 'Normative documents', aliases: ['规范性文件'] },
      ],
    },
    { id: 'article20Item5', caption: '第二十条第（五）项', columns: [decisions], rows: [{ id: 'licensing', label: '行政许可', en: 'Licensing' }] },
    {
      id: 'article20Item6',
      caption: '第二十条第（六）项',
      columns: [decisions],
      rows: [
        { id: 'penalty', label: '行政处罚', en: 'Penalties' },
        { id: 'enforcement', label: '行政强制', en: 'Coercive measures' },
      ],
    },
    {
      id: 'article20Item8',
      caption: '第二十条第（八）项',
      columns: [{ id: 'feeAmount', label: '本年收费金额（单位：万元）', en: 'Fees this year (10k yuan)', kind: 'amount' }],
      rows: [{ id: 'administrativeFees', label: '行政事业性收费', en: 'Administrative fees' }],
    },
  ] satisfies (Omit<PartInput, 'header'> & { caption: string })[]).map(article20),
};

const itemsColumns = [
  { id: 'lastYearItems', label: '上一年项目数量', en: 'Items last year' },
  { id: 'change', label: '本年增/减', en: 'Change this year', kind: 'signedCount' as const },
];

const activeDisclosure2019: FormatInput['tables'][number] = {
  id: 'activeDisclosure',
  name: '表二',
  nameEn: 'Table 2',
  section: 2,
  openers: ['第二十条第'],
  completionWords: ['表二', '主动公开', 'table2', 'proactive', 'disclosure'],
  snippetPrefixes: ['表二', '主动公开', 'table2', 'proactive'],
  parts: ([
    {
      id: 'article20Item1',
      caption: '第二十条第（一）项',
      columns: [
        { id: 'newlyMade', label: '本年新制作数量', en: 'Made this year' },
        { id: 'newlyPublished', label: '本年新公开数量', en: 'Published this year' },
        { id: 'publishedTotal', label: '对外公开总数量', en: 'Published in total' },
      ],
      rows: [
        { id: 'rules', label: '规章', en: 'Rules' },
        { id: 'normativeDocuments', label: '规范性文件', en: 'Normative documents', aliases: ['行政规范性文件'] },
      ],
    },
    {
      id: 'article20Item5',
      caption: '第二十条第（五）项',
      columns: [...itemsColumns, { id: 'decisions', label: '处理决定数量', en: 'Decisions' }],
      rows: [
        { id: 'licensing', label: '行政许可', en: 'Licensing' },
        { id: 'otherServices', label: '其他对外管理服务事项', en: 'Other external services' },
      ],
    },
    {
      id: 'article20Item6',
      caption: '第二十条第（六）项',
      columns: [...itemsColumns, { id: 'decisions', label: '处理决定数量', en: 'Decisions' }],
      rows: [
        { id: 'penalty', label: '行政处罚', en: 'Penalties' },
        { id: 'enforcement', label: '行政强制', en: 'Coercive measures' },
      ],
    },
    {
      id: 'article20Item8',
      caption: '第二十条第（八）项',
      columns: itemsColumns,
      rows: [{ id: 'administrativeFees', label: '行政事业性收费', en: 'Administrative fees' }],
    },
    {
      id: 'article20Item9',
      caption: '第二十条第（九）项',
      columns: [
        { id: 'purchaseItems', label: '采购项目数量', en: 'Procurement items' },
        { id: 'purchaseAmount', label: '采购总金额', en: 'Procurement amount', kind: 'amount' },
      ],
      rows: [{ id: 'centralizedPurchasing', label: '政府集中采购', en: 'Centralised procurement' }],
    },
  ] satisfies (Omit<PartInput, 'header'> & { caption: string })[]).map(article20),
};

/** Header cells over the label columns: they head columns and never name a row. */
const labelHeaderWords = ['申请人情况', '信息内容'];

export const FORMATS: readonly FormatDef[] = [
  formatSchema.parse({
    version: '2021',
    notice: '国办公开办函〔2021〕30号',
    fromYear: 2021,
    labelHeaderWords,
    sections,
    tables: [activeDisclosure2021, applications(otherDisposal2021, true), reviewLitigation],
  }),
  formatSchema.parse({
    version: '2019',
    notice: '国办公开办函〔2019〕60号',
    fromYear: 2019,
    labelHeaderWords,
    sections,
    tables: [
      activeDisclosure2019,
      applications([{ id: 'otherDisposal', label: '（六）其他处理', en: '(6) Other disposal', group: 'results' }], false),
      reviewLitigation,
    ],
  }),
];

export const CURRENT_FORMAT = FORMATS[0];

/** The detection markers, validated (detect.ts reads the same data unvalidated, for the client). */
export const DETECTION: DetectionDef = detectionSchema.parse(DETECTION_INPUT);

/** Words each table's template completion is found by (the LSP layer's filter text). */
export const TABLE_WORDS: Readonly<Record<string, string>> = Object.fromEntries(CURRENT_FORMAT.tables.map((t) => [t.id, t.completionWords.join(' ')]));

/** The format in force for a report year: the latest whose first year is not after it (the oldest before any). */
export function formatForYear(year: number): FormatDef {
  const inForce = [...FORMATS].sort((a, b) => b.fromYear - a.fromYear).find((f) => f.fromYear <= year);
  return inForce ?? FORMATS.reduce((a, b) => (b.fromYear < a.fromYear ? b : a));
}
