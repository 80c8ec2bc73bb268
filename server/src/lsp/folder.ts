// Check the whole folder: every report file of the workspace folders (ReportIndex's bounded scan) read
// one at a time, analysed by the same engine as an open document, and its findings handed to `publish`.
// One file's text and analysis at a time (memory bounded by the size cap); a turn of the event loop
// between files so that the server keeps answering the editor; cancellable; progress per file.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Analysis, AnalyzeOptions } from '../core/analyze.js';
import type { Finding } from '../core/checks/rule.js';
import { decodeReport } from '../core/decode.js';
import { looksLikeReport } from '../core/detect.js';
import { analyzeDocument } from '../core/document.js';
import type { CheckFolderResult } from '../protocol.js';

export interface FolderCheckHooks {
  /** The workspace folders' report files and how many were left out for their size. */
  files: () => { paths: readonly string[]; oversize: number };
  /** The open document's findings for uri, or null when the file is not open in the editor. */
  openFindings: (uri: string) => Promise<Finding[] | null>;
  /** Options for a file (its settings), or null when checking is disabled for it. */
  optionsFor: (uri: string) => Promise<AnalyzeOptions | null>;
  publish: (uri: string, findings: Finding[]) => void;
  progress: (done: number, total: number) => void;
  cancelled: () => boolean;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const hasError = (fs: readonly Finding[]) => fs.some((f) => f.severity === 'error');

/** The whole document's findings, in document coordinates (as the server's analysisOf). */
export function fileFindings(text: string, options: AnalyzeOptions): Finding[] {
  const document = analyzeDocument(text, options);
  const analysis: Analysis = document.reports.length === 1 ? document.reports[0].analysis : { report: document.reports[0].analysis.report, findings: document.findings };
  return analysis.findings;
}

export async function checkFolder(h: FolderCheckHooks): Promise<CheckFolderResult> {
  const { paths, oversize } = h.files();
  const result: CheckFolderResult = { files: 0, withErrors: 0, skipped: oversize };
  for (let k = 0; k < paths.length; k++) {
    await turn();
    if (h.cancelled()) break;
    h.progress(k, paths.length);
    const uri = pathToFileURL(paths[k]).href;
    const open = await h.openFindings(uri);
    if (open) {
      result.files++;
      if (hasError(open)) result.withErrors++;
      continue;
    }
    const findings = await fileCheck(paths[k], uri, h);
    if (!findings) {
      result.skipped++;
      continue;
    }
    result.files++;
    if (hasError(findings)) result.withErrors++;
    // The file may have been opened while it was read: the open document's own diagnostics win.
    if ((await h.openFindings(uri)) === null) h.publish(uri, findings);
  }
  h.progress(paths.length, paths.length);
  return result;
}

/** One unopened file's findings, or null when it cannot be read, does not read like a report or is not to be checked. */
export async function fileCheck(path: string, uri: string, h: Pick<FolderCheckHooks, 'optionsFor'>): Promise<Finding[] | null> {
  let text: string;
  try {
    text = decodeReport(readFileSync(path)).text;
  } catch {
    return null;
  }
  // A notes.txt or README.md beside the reports is not a report: neither checked nor given findings.
  if (!looksLikeReport(text)) return null;
  const options = await h.optionsFor(uri);
  return options ? fileFindings(text, options) : null;
}
