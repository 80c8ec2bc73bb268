// The client's own strings. VS Code's convention: the source strings are English (l10n/bundle.l10n.json)
// and l10n/bundle.l10n.zh-cn.json translates them. Our default is Chinese whatever VS Code's display
// language, so t() picks by the ogiReport.locale setting: zh-cn (default) and en read the bundles
// directly; auto leaves it to vscode.l10n (VS Code's display language).
import * as vscode from 'vscode';
import EN from '../../l10n/bundle.l10n.json';
import ZH from '../../l10n/bundle.l10n.zh-cn.json';
import { CONFIGURATION_SECTION } from '../../server/src/protocol.js';

export type ClientLocale = 'zh-cn' | 'en' | 'auto';

export function localeSetting(): ClientLocale {
  const v = vscode.workspace.getConfiguration(CONFIGURATION_SECTION).get<string>('locale', 'zh-cn');
  return v === 'en' || v === 'auto' ? v : 'zh-cn';
}

/** The locale the client's strings and the preview page are in ('auto' resolved to VS Code's language). */
export function effectiveLocale(): 'zh-cn' | 'en' {
  const s = localeSetting();
  if (s !== 'auto') return s;
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

const fill = (s: string, args: readonly (string | number)[]) => s.replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? String(args[Number(i)]) : m));

/** A client string by its English source text, with {0}, {1}… filled in. */
export function t(message: string, ...args: (string | number)[]): string {
  const s = localeSetting();
  if (s === 'auto') return vscode.l10n.t(message, ...args);
  const table: Record<string, string> = s === 'en' ? EN : ZH;
  return fill(table[message] ?? message, args);
}
