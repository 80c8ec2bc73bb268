// Last year's report for a document, in the editor: among the open documents first, then among the
// report files of the client's workspace folders (only those: the server reads no other file). The scan
// is bounded (report-like .txt/.md names, a size cap, a file cap, a depth cap) and each file's agency and
// year are cached by mtime; the whole report is built only for the file that pairs.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { agencyOf } from '../core/agency.js';
import type { PreviousReport } from '../core/checks/rule.js';
import { decodeReport } from '../core/decode.js';
import { nextYearReport } from '../core/crossyear/nextYear.js';
import { type Report, buildReport } from '../core/model.js';
import type { NextYearReportResult } from '../protocol.js';

export const SCAN_LIMITS = { files: 500, bytes: 2_000_000, depth: 4 };
const REPORT_FILE = /\.(?:txt|md)$/i;
const SKIP_DIR = /^(?:\.|node_modules$|dist$|out$)/;

interface Summary {
  agency: string | null;
  year: number | null;
}
interface FileEntry extends Summary {
  mtimeMs: number;
  size: number;
  /** The full model, built when the file pairs (and kept while its mtime holds). */
  report?: Report;
}

export interface OpenReport {
  uri: string;
  version: number;
  report: Report;
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

  constructor(private readonly open: () => OpenReport[]) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.listed = null;
  }

  /** A file of the workspace changed, appeared or went (didChangeWatchedFiles): list again, read it again. */
  invalidate(uri?: string): void {
    this.listed = null;
    if (uri?.startsWith('file:')) this.files.delete(fileURLToPath(uri));
  }

  /** Last year's report of the agency `report` is from: an open document first, then a workspace file. */
  previousFor(uri: string, report: Report): PreviousReport | null {
    const agency = agencyOf(report);
    if (agency === null || report.year === null) return null;
    const want = report.year - 1;
    for (const o of this.open()) {
      if (o.uri === uri || o.report.year !== want || agencyOf(o.report) !== agency) continue;
      return { path: o.uri, report: o.report };
    }
    const openUris = new Set(this.open().map((o) => o.uri));
    for (const path of this.list()) {
      const fileUri = pathToFileURL(path).href;
      if (fileUri === uri || openUris.has(fileUri)) continue;
      const e = this.entry(path);
      if (!e || e.agency !== agency || e.year !== want) continue;
      e.report ??= this.read(path, false);
      if (e.report) return { path: fileUri, report: e.report };
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
    // Sections and title only (no tables): enough for the agency and the year.
    const r = this.read(path, true);
    const e: FileEntry = { mtimeMs: st.mtimeMs, size: st.size, agency: r ? agencyOf(r) : null, year: r?.year ?? null };
    this.files.set(path, e);
    return e;
  }

  private read(path: string, titleOnly: boolean): Report | undefined {
    try {
      const text = decodeReport(readFileSync(path)).text;
      return buildReport(text, titleOnly ? { maxTableCheckLength: 0 } : {});
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
