// The shape of a statutory format declaration. Declarations are data (formats.ts); this schema is the
// boundary check that keeps a typo in them from turning into a silently wrong check.
import { z } from 'zod';
import { IDENTITY_RULE_IDS } from '../checks/ids.js';

const id = z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)?$/);

export const valueKindSchema = z.enum([
  'count', // non-negative integer (件数、数量)
  'signedCount', // integer that may carry a sign (本年增/减)
  'amount', // non-negative decimal (万元)
]);

export const columnSchema = z.object({
  id,
  label: z.string().min(1),
  en: z.string().min(1),
  /** Header group the column sits under (法人或其他组织, 行政复议 …), for messages and templates. */
  group: z.string().optional(),
  groupEn: z.string().optional(),
  kind: valueKindSchema.default('count'),
});

export const rowSchema = z.object({
  id,
  /** The statutory label exactly as the format prints it, numbering included ('' for table 四's one row). */
  label: z.string(),
  en: z.string().min(1),
  /** Short form for messages (（一）予以公开 rather than the whole parenthetical). */
  short: z.string().optional(),
  /** Id of the group row this row is listed under (（三）不予公开 → its eight reasons). */
  group: z.string().optional(),
  /** Other wordings real reports use for the same row; matched without a finding. */
  aliases: z.array(z.string()).default([]),
});

export const groupSchema = z.object({
  id,
  label: z.string().min(1),
  en: z.string().min(1),
  parent: z.string().optional(),
});

/**
 * Σ left = Σ right, instantiated for every row (left/right name columns) or every column
 * (left/right name rows). The finding for a broken instance is placed on `anchor`.
 */
export const identitySchema = z.object({
  /** The rule that reports a broken instance: an identity rule's id (a typo fails here and in tsc). */
  rule: z.enum(IDENTITY_RULE_IDS),
  forEach: z.enum(['row', 'column']),
  left: z.array(z.string()).min(1),
  right: z.array(z.string()).min(1),
  anchor: z.string(),
  /** Restrict the rows (forEach row) or columns (forEach column) the identity applies to. */
  only: z.array(z.string()).optional(),
});

/** One header line of a table as the format prints it: label cells, then one cell per value column ('' where merged). */
export const headerRowSchema = z.object({
  labels: z.array(z.string()).default([]),
  values: z.array(z.string()),
});

export const partSchema = z.object({
  id,
  /** Caption row that introduces this part (第二十条第（一）项), if the table has several parts. */
  caption: z.string().optional(),
  columns: z.array(columnSchema).min(1),
  rows: z.array(rowSchema).min(1),
  /** false: a single data row without a label (table 四), found by position rather than by label. */
  labelledRows: z.boolean().default(true),
  groups: z.array(groupSchema).default([]),
  identities: z.array(identitySchema).default([]),
  /** The header lines above the part's rows, as templates and the renderer write them. */
  header: z.array(headerRowSchema).default([]),
}).refine((p) => p.header.every((h) => h.values.length === p.columns.length), {
  message: 'every header line has one value cell per column',
  path: ['header'],
});

export const tableSchema = z.object({
  id: z.enum(['activeDisclosure', 'applications', 'reviewLitigation']),
  /** 表二 / 表三 / 表四 as people call them, and the section that holds the table. */
  name: z.string(),
  nameEn: z.string(),
  section: z.number().int().min(1).max(6),
  /** Text that opens the table in real files (top-left caption, first header cell). */
  openers: z.array(z.string()).min(1),
  parts: z.array(partSchema).min(1),
  /** Words a completion for the table's template is found by (表三 申请情况 …). */
  completionWords: z.array(z.string().min(1)).min(1),
  /** Snippet prefixes of the table's template (each gets -md / -2019 suffixes). */
  snippetPrefixes: z.array(z.string().min(1)).min(1),
});

export const sectionSchema = z.object({
  number: z.number().int().min(1).max(6),
  /** The statutory numbering as printed before the title (一、). */
  numbering: z.string().regex(/^[一二三四五六]、$/),
  /** What a new report's skeleton writes under the heading when the section has no table. */
  skeleton: z.string().default(''),
  title: z.string(),
  en: z.string(),
  /** Titles that count as the same section without a finding (the format's own prose titles). */
  variants: z.array(z.string()).default([]),
  /** Key phrases that identify the section even when the title is reworded or misspelt. */
  keywords: z.array(z.array(z.string()).min(1)).min(1),
});

export const formatSchema = z.object({
  version: z.enum(['2021', '2019']),
  notice: z.string(),
  /** First report year the format applies to. */
  fromYear: z.number().int(),
  sections: z.array(sectionSchema).length(6),
  tables: z.array(tableSchema).length(3),
  /** Header cells over the label columns (申请人情况, 信息内容): they head columns, never name a row. */
  labelHeaderWords: z.array(z.string().min(1)).min(1),
});

/** A regular expression given as its source text: it must compile. */
const regexSource = z.string().min(1).refine((src) => {
  try {
    new RegExp(src, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** What tells a plain-text document is a report (detect.ts), independent of the format version. */
export const detectionSchema = z.object({
  /** The report's title, looked for near the top. */
  title: regexSource,
  /** How many characters from the top the title may be found in. */
  titleWithin: z.number().int().positive(),
  /** Captions and section titles of the statutory format; `minMarkers` of them make a report. */
  markers: z.array(regexSource).min(1),
  minMarkers: z.number().int().positive(),
  markersWithin: z.number().int().positive(),
});

export type ValueKind = z.infer<typeof valueKindSchema>;
export type ColumnDef = z.infer<typeof columnSchema>;
export type RowDef = z.infer<typeof rowSchema>;
export type GroupDef = z.infer<typeof groupSchema>;
export type IdentityDef = z.infer<typeof identitySchema>;
export type PartDef = z.infer<typeof partSchema>;
export type TableDef = z.infer<typeof tableSchema>;
export type SectionDef = z.infer<typeof sectionSchema>;
export type FormatDef = z.infer<typeof formatSchema>;
export type FormatInput = z.input<typeof formatSchema>;
export type HeaderRowDef = z.infer<typeof headerRowSchema>;
export type DetectionDef = z.infer<typeof detectionSchema>;
