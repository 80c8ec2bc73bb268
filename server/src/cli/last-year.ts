// Last year's reports for the cross-year rules in the CLI. Last year's file is read as this run reads any
// file (a .docx, PDF or web page through its reader, a text file as it is or through the flattened reader)
// and as a sequence of reports (a county's 汇编 last year pairs report by report with this year's), each
// report's model in the file's coordinates, so that a related location names its line in that file, or,
// for a document, its place in the original (第3页 表三「…」·总计).
import { readFileSync, statSync } from 'node:fs';
import { MAX_REPORT_BYTES } from '../core/analyze.js';
import { reportKey } from '../core/agency.js';
import type { Finding, PreviousReport } from '../core/checks/rule.js';
import { type PairableReports, pairableReports } from '../core/document.js';
import type { Report } from '../core/model.js';
import type { Locale } from '../core/rules.js';
import { type ReadResult, readDocument } from '../readers/index.js';
import { placeIn } from '../outputs/place.js';

interface LastYearFile extends PairableReports {
  read: ReadResult;
  /** The rendering is not the file itself (a document, or flattened text): places are named in the original's terms. */
  rendered: boolean;
}

// Batches come in input order, so the files of one year's pairs recur in neighbouring batches: a few are
// kept, no more (a 汇编's models are large).
const KEPT = 2;
const kept = new Map<string, LastYearFile | null>();

async function load(path: string): Promise<LastYearFile | null> {
  let file: LastYearFile | null = null;
  // By its size and time too: a process may run the checker more than once (tests, an embedding tool).
  let key = path;
  try {
    const st = statSync(path);
    key = `${path}\u0000${st.size}\u0000${st.mtimeMs}`;
    if (kept.has(key)) return kept.get(key)!;
    const read = await readDocument(readFileSync(path), path);
    file = { read, ...pairableReports(read.text, { maxTableCheckLength: MAX_REPORT_BYTES }), rendered: read.kind !== 'text' || read.spans.length > 0 };
  } catch {
    // Unreadable: its own run says why; here it pairs with nothing.
  }
  if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, file);
  return file;
}

export interface LastYears {
  /** Last year's report of the agency `report` is from, when the run's pairing named its file. */
  previousFor(report: Report): PreviousReport | null;
  /** The findings, with each related location in a last year's document named by its place there. */
  placed(findings: Finding[]): Finding[];
}

/**
 * Last year's files of one file's reports (pairing key → path, pairs.ts), read; null when there are none.
 * A file paired with itself (two years in one 汇编) is left to the rules: they compare a report only with
 * the same agency's report of the year before.
 */
export async function lastYearsOf(pairs: Readonly<Record<string, string>> | undefined, l: Locale): Promise<LastYears | null> {
  if (!pairs) return null;
  const files = new Map<string, LastYearFile>();
  for (const path of new Set(Object.values(pairs))) {
    const f = await load(path);
    if (f) files.set(path, f);
  }
  if (files.size === 0) return null;
  return {
    previousFor(report) {
      const k = reportKey(report, -1);
      const path = k === null ? undefined : pairs[k];
      const found = path === undefined ? undefined : files.get(path)?.byKey.get(k!);
      return found ? { path: path!, report: found } : null;
    },
    placed(findings) {
      return findings.map((f) => {
        if (!f.related.some((x) => x.uri !== undefined && files.get(x.uri)?.rendered)) return f;
        const related = f.related.map((x) => {
          const file = x.uri === undefined ? undefined : files.get(x.uri);
          const place = file?.rendered ? placeIn(file.read, file.reports, x.range, l).place : null;
          return place ? { ...x, place } : x;
        });
        return { ...f, related };
      });
    },
  };
}
