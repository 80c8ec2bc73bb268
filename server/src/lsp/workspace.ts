// Last year's report for a document, in the editor: among the open documents first, then among the
// report files of the client's workspace folders (only those: the server reads no other file). The scan
// is bounded (report-like .txt/.md names, a size cap, a file cap, a depth cap) and each file's agencies and
// years (a 汇编 holds many reports) are cached by mtime; the whole models are built only for the file that
// pairs, report by report.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { agencyOf, reportKey } from '../core/agency.js';
import type { PreviousReport } from '../core/checks/rule.js';
import { decodeReport } from '../core/decode.js';
import { nextYearReport } from '../core/crossyear/nextYear.js';
import { type PairableReports, pairableReports } from '../core/document.js';
import type { Report } from '../core/model.js';
import type { NextYearReportResult } from '../protocol.js';

export const SCAN_LIMITS = { files: 500, bytes: 2_000_000, depth: 4 };
const REPORT_FILE = /\.(?:txt|md)$/i;
const SKIP_DIR = /^(?:\.|node_modules$|dist$|out$)/;

interface FileEntry {
  mtimeMs: number;
  size: number;
  /** The pairing keys (agency and year, core/agency.ts reportKey) of the file's reports: a 汇编 holds many. */
  keys: ReadonlySet<string>;
  /** The reports' models by key, in the file's coordinates: read when the file pairs (and kept while its mtime holds). */
  byKey?: Map<string, Report>;
}

/**
 * An open document's reports: each one's model in its own coordinates (what pairing reads), and in the
 * document's (what a related location points into), made only for the report that pairs.
 */
export interface OpenReports {
  uri: string;
  version: number;
  reports: readonly Report[];
  inDocument(k: number): Report;
}

export class ReportIndex {
  private folders: string[] = [];
  private files = new Map<string, FileEntry>();
  /** Paths of the last scan; null: scan again before the next look-up. */
  private listed: string[] | null = null;
  /** Why some files were left out of the last scan (for the log). */
  notes: string[] = [];
  /** Report-named files the last scan left out for their size (above SCAN_LIMITS.bytes). */
  oversize = 0;

  constructor(private readonly open: () => OpenReports[]) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.listed = null;
  }

  /** A file of the workspace changed, appeared or went (didChangeWatchedFiles): list again, read it again. */
  invalidate(uri?: string): void {
    this.listed = null;
    if (uri?.startsWith('file:')) this.files.delete(fileURLToPath(uri));
  }

  /** Last year's report of the agency `report` is from: a report of an open document first, then of a workspace file. */
  previousFor(uri: string, report: Report): PreviousReport | null {
    const want = reportKey(report, -1);
    if (want === null) return null;
    for (const o of this.open()) {
      if (o.uri === uri) continue;
      const k = o.reports.findIndex((r) => reportKey(r) === want);
      if (k >= 0) return { path: o.uri, report: o.inDocument(k) };
    }
    const openUris = new Set(this.open().map((o) => o.uri));
    for (const path of this.list()) {
      const fileUri = pathToFileURL(path).href;
      if (fileUri === uri || openUris.has(fileUri)) continue;
      const e = this.entry(path);
      if (!e?.keys.has(want)) continue;
      e.byKey ??= this.read(path, false)?.byKey;
      const found = e.byKey?.get(want);
      if (found) return { path: fileUri, report: found };
    }
    return null;
  }

  /** The report files (paths) under the workspace folders, within the scan's caps; `oversize` counts those left out for their size. */
  reportFiles(): { paths: readonly string[]; oversize: number } {
    const paths = this.list();
    return { paths, oversize: this.oversize };
  }

  /** The report files under the folders, bounded. */
  private list(): string[] {
    if (this.listed) return this.listed;
    const out: string[] = [];
    this.notes = [];
    this.oversize = 0;
    const walk = (dir: string, depth: number) => {
      if (out.length >= SCAN_LIMITS.files || depth > SCAN_LIMITS.depth) return;
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        return;
      }
      for (const name of names) {
        if (out.length >= SCAN_LIMITS.files) {
          this.notes.push(`more than ${SCAN_LIMITS.files} report files under the workspace folders: the rest is not searched for last year's report`);
          return;
        }
        const path = join(dir, name);
        let st;
        try {
          st = statSync(path);
        } catch {
          continue;
        }
        if (st.isDirectory()) {
          if (!SKIP_DIR.test(name)) walk(path, depth + 1);
        } else if (REPORT_FILE.test(name)) {
          if (st.size > SCAN_LIMITS.bytes) {
            this.oversize++;
            this.notes.push(`${path}: larger than ${SCAN_LIMITS.bytes} bytes, not read`);
          }
          else out.push(path);
        }
      }
    };
    for (const f of this.folders) walk(f, 0);
    this.listed = out;
    return out;
  }

  private entry(path: string): FileEntry | null {
    let st;
    try {
      st = statSync(path);
    } catch {
      this.files.delete(path);
      return null;
    }
    const hit = this.files.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
    // Sections and titles only (no tables): enough for the agencies and the years.
    const e: FileEntry = { mtimeMs: st.mtimeMs, size: st.size, keys: new Set(this.read(path, true)?.byKey.keys()) };
    this.files.set(path, e);
    return e;
  }

  private read(path: string, titleOnly: boolean): PairableReports | undefined {
    try {
      return pairableReports(decodeReport(readFileSync(path)).text, { titlesOnly: titleOnly });
    } catch {
      return undefined;
    }
  }
}

/** Who and which year: the key by which a changed report affects another's cross-year findings. */
/** Next year's report from this one, named after the file (its year moved on) or after the agency. */
export function nextYearResult(uri: string, text: string, report: Report, locale: 'zh-cn' | 'en'): NextYearReportResult | null {
  if (report.year === null) return null;
  const year = report.year;
  const file = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  const named = file.includes(String(year)) ? file.split(String(year)).join(String(year + 1)) : null;
  const agency = agencyOf(report);
  const suggestedName = named ?? `${agency ?? ''}${year + 1}年政府信息公开工作年度报告.txt`;
  return { text: nextYearReport(text, locale), suggestedName };
}
