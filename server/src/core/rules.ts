// The rules, as data: stable id, default severity, and a one-line title in both languages.
// Messages for individual findings are composed in messages.ts.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Locale = 'zh-cn' | 'en';

export interface RuleDef {
  severity: Severity;
  zh: string;
  en: string;
}

export const RULES = {
  'section-missing': { severity: 'error', zh: '缺少法定章节', en: 'A statutory section is missing' },
  'section-order': { severity: 'warning', zh: '法定章节顺序错误', en: 'Statutory sections are out of order' },
  'section-duplicate': { severity: 'warning', zh: '法定章节重复', en: 'A statutory section appears twice' },
  'section-numbering': { severity: 'warning', zh: '章节序号与法定序号不符', en: 'Section number differs from the statutory one' },
  'section-title': { severity: 'information', zh: '章节标题与法定标题不一致', en: 'Section title differs from the statutory one' },
  'section-empty': { severity: 'warning', zh: '章节内容为空', en: 'Section is empty' },
  'table-missing': { severity: 'error', zh: '缺少法定表格', en: 'A statutory table is missing' },
  'table-duplicate': { severity: 'warning', zh: '法定表格重复出现', en: 'A statutory table appears twice' },
  'table-misplaced': { severity: 'warning', zh: '法定表格不在其章节中', en: 'A statutory table is outside its section' },
  'format-version': { severity: 'warning', zh: '表格格式版本与报告年度不符', en: 'Table format version does not fit the report year' },
  'row-missing': { severity: 'error', zh: '缺少法定行', en: 'A statutory row is missing' },
  'row-duplicate': { severity: 'error', zh: '法定行重复', en: 'A statutory row appears twice' },
  'row-order': { severity: 'warning', zh: '法定行顺序错误', en: 'Statutory rows are out of order' },
  'row-label': { severity: 'warning', zh: '行标签与法定标签不一致', en: 'Row label differs from the statutory label' },
  'row-cells': { severity: 'error', zh: '行的单元格数量不对', en: 'Row has the wrong number of cells' },
  'cell-blank': { severity: 'warning', zh: '应填数字的单元格为空', en: 'A cell that needs a number is blank' },
  'cell-unit': { severity: 'warning', zh: '单元格内写了单位', en: 'A cell holds a unit' },
  'cell-invalid': { severity: 'error', zh: '单元格不是有效的数字', en: 'A cell is not a valid number' },
  'row-total': { severity: 'error', zh: '行总计不等于各申请人之和', en: 'Row total is not the sum of the applicant columns' },
  'result-total': { severity: 'error', zh: '（七）总计不等于各办理结果之和', en: '(7) Total is not the sum of the results' },
  'reconciliation': { severity: 'error', zh: '勾稽关系不成立（第一项加第二项之和，等于第三项加第四项之和）', en: 'Reconciliation fails (I + II = (7) Total + IV)' },
  'outcome-total': { severity: 'error', zh: '总计不等于各结果之和', en: 'Total is not the sum of the outcomes' },
  'not-a-report': { severity: 'information', zh: '文档不像政府信息公开工作年度报告', en: 'The document does not read like an annual report' },
  'encoding': { severity: 'warning', zh: '文件编码有误，部分字节无法解码', en: 'The file has bytes that do not decode' },
  'too-large': { severity: 'information', zh: '文档过大，只检查章节结构', en: 'Document too large: only the sections are checked' },
  'likely-culprit': { severity: 'error', zh: '单元格可能填错（一处改动即可使所有等式成立）', en: 'Likely mistyped cell (one change satisfies every identity)' },
} as const satisfies Record<string, RuleDef>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** Rules whose findings are arithmetic identities (they take part in the culprit search). */
export const IDENTITY_RULES: readonly RuleId[] = ['row-total', 'result-total', 'reconciliation', 'outcome-total'];
