// The extension's settings (section "ogiReport"), validated with zod on the server. package.json's
// contributes.configuration is generated from this schema (scripts/generate.ts) and a test keeps them equal.
import { z } from 'zod';
import { COPIED_SHARE, DEFAULT_COPIED_SHARE } from '../core/checks/crossyear/copied-prose.js';
import { DEFAULT_SHARE, DEFAULT_SHARE_MIN_TOTAL, SHARE, SHARE_MIN_TOTAL } from '../core/checks/prose/hint-share.js';
import { MAX_REPORT_BYTES } from '../core/analyze.js';
import { RULE_IDS, type RuleId } from '../core/rules.js';

export const ruleSettingSchema = z.enum(['error', 'warning', 'information', 'hint', 'off']);

export const settingsSchema = z.object({
  enable: z.boolean().default(true).describe('%config.enable%'),
  detectLanguage: z.boolean().default(true).describe('%config.detectLanguage%'),
  rules: z
    .partialRecord(z.enum(RULE_IDS as [RuleId, ...RuleId[]]), ruleSettingSchema)
    .default({})
    .describe('%config.rules%'),
  templateShape: z.enum(['auto', 'tsv', 'markdown']).default('auto').describe('%config.templateShape%'),
  maxDocumentSize: z.number().int().min(10_000).default(MAX_REPORT_BYTES).describe('%config.maxDocumentSize%'),
  // Chinese whatever the editor's display language unless asked: most Chinese officers run an English VS Code.
  locale: z.enum(['zh-cn', 'en', 'auto']).default('zh-cn').describe('%config.locale%'),
  // A dotted key: VS Code hands it over nested ({ inlayHints: { enable } }); readSettings looks it up by path.
  'inlayHints.enable': z.boolean().default(true).describe('%config.inlayHints.enable%'),
  // The thresholds by the names the rules read them with (ctx.threshold); defaults from the rule files.
  thresholds: z
    .object({
      [SHARE]: z.number().min(0).max(1).default(DEFAULT_SHARE),
      [SHARE_MIN_TOTAL]: z.number().int().min(0).default(DEFAULT_SHARE_MIN_TOTAL),
      [COPIED_SHARE]: z.number().min(0).max(1).default(DEFAULT_COPIED_SHARE),
    })
    .default({ [SHARE]: DEFAULT_SHARE, [SHARE_MIN_TOTAL]: DEFAULT_SHARE_MIN_TOTAL, [COPIED_SHARE]: DEFAULT_COPIED_SHARE })
    .describe('%config.thresholds%'),
});

export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * Reads what the client sent, keeping every valid field and falling back to the default for the rest,
 * so one mistyped setting does not switch off the others. Returns the problems for the log.
 */
export function readSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const input = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(settingsSchema.shape)) {
    let value = key in input ? input[key] : valueAt(input, key);
    if (key === 'rules' && value && typeof value === 'object') {
      // Rule by rule: an unknown rule id or severity drops that entry only.
      const kept: Record<string, unknown> = {};
      for (const [rule, setting] of Object.entries(value)) {
        if ((RULE_IDS as string[]).includes(rule) && ruleSettingSchema.safeParse(setting).success) kept[rule] = setting;
        else problems.push(`ogiReport.rules.${rule}: ${JSON.stringify(setting)} ignored`);
      }
      value = kept;
    }
    const r = (field as z.ZodType).safeParse(value);
    if (r.success) out[key] = r.data;
    else {
      problems.push(`ogiReport.${key}: ${r.error.issues.map((i) => i.message).join('; ')}`);
      out[key] = (DEFAULT_SETTINGS as Record<string, unknown>)[key];
    }
  }
  return { settings: out as Settings, problems };
}

/** The value at a dotted path of nested objects ('inlayHints.enable' → input.inlayHints.enable). */
function valueAt(input: Record<string, unknown>, path: string): unknown {
  let v: unknown = input;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** The messages' language for a document: the setting, or the client's display language for 'auto'. */
export function localeOf(s: Settings, clientLocale: string | undefined): 'zh-cn' | 'en' {
  if (s.locale !== 'auto') return s.locale;
  return /^en(?:\b|-)/i.test(clientLocale ?? '') ? 'en' : 'zh-cn';
}

/** contributes.configuration.properties for package.json, derived from the schema. */
export function configurationProperties(): Record<string, unknown> {
  const json = z.toJSONSchema(settingsSchema, { io: 'input' }) as { properties: Record<string, Record<string, unknown>> };
  const props: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(json.properties)) {
    const { $schema: _schema, propertyNames: _names, ...rest } = p;
    const extra =
      key === 'rules'
        ? { additionalProperties: false, properties: Object.fromEntries(RULE_IDS.map((id) => [id, { type: 'string', enum: ruleSettingSchema.options }])) }
        : {};
    props[`ogiReport.${key}`] = { ...rest, ...extra, scope: 'resource' };
  }
  return props;
}
