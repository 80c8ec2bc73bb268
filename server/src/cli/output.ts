// The checker's text and SARIF 2.1.0 outputs (JSON: outputs/json.ts; csv and html: outputs/).
import type { Finding } from '../core/analyze.js';
import { type Locale, RULES, RULE_IDS, type Severity } from '../core/rules.js';
import type { DocumentPlaces, Source } from './check-file.js';
import { toJson } from '../outputs/json.js';
import type { Write } from '../outputs/types.js';

export interface FileResult {
  path: string;
  findings: Finding[];
  /** A .docx, .pdf or .html file: its kind and each finding's place in it (ranges are the text rendering's). */
  document?: DocumentPlaces;
}

/** How many findings of each severity; the text output's last line and the exit status are made of them. */
export type Tally = Record<Severity, number>;

export const emptyTally = (): Tally => ({ error: 0, warning: 0, information: 0, hint: 0 });

/** The severities in a tally's order. */
export const SEVERITIES: readonly Severity[] = Object.keys(emptyTally()) as Severity[];

export function tallyOf(findings: readonly Finding[], into: Tally = emptyTally()): Tally {
  for (const f of findings) into[f.severity]++;
  return into;
}

/** One file's lines of the text output, each ending in a line break (made in the checking thread). */
export function textOf(r: FileResult): string {
  let out = '';
  r.findings.forEach((f, i) => {
    out += `${r.path}:${whereIn(r, f, i)}: ${f.severity} ${f.rule}: ${f.message}\n`;
    // A location in another file (last year's report) is named where it is, so an editor can jump there.
    // In a document (a PDF of last year), its place in the original rather than a line of the rendering.
    for (const x of f.related) if (x.uri !== undefined) out += `  ${x.uri}:${x.place ?? `${x.range.start.line + 1}:${x.range.start.character + 1}`}: ${x.message}\n`;
  });
  return out;
}

/** The text output's last line: how many files were checked and what was found. */
export function textSummary(files: number, count: Tally, l: Locale): string {
  return l === 'en'
    ? `${files} file(s): ${count.error} error(s), ${count.warning} warning(s), ${count.information + count.hint} note(s)\n`
    : `${files} 个文件：${count.error} 个错误，${count.warning} 个警告，${count.information + count.hint} 个提示\n`;
}

export function toText(results: readonly FileResult[], l: Locale): string {
  const count = emptyTally();
  let out = '';
  for (const r of results) {
    tallyOf(r.findings, count);
    out += textOf(r);
  }
  return out + textSummary(results.length, count, l);
}

/** One file's object of the JSON output, as JSON.stringify(toJson(results)) writes it among the others. */
export function jsonOf(r: FileResult): string {
  return JSON.stringify(toJson([r]).files[0]);
}

/** The JSON output from its files' objects (jsonOf), in order. */
export function writeJsonDocument(files: Iterable<string>, write: Write): void {
  write('{"files":[');
  let first = true;
  for (const f of files) {
    write(first ? f : ',' + f);
    first = false;
  }
  write(']}\n');
}

/** line:column for a text report; the place in the reader's terms for a document (第3页 表三「（七）总计」·总计). */
function whereIn(r: FileResult, f: Finding, i: number): string {
  const at = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
  if (!r.document) return at;
  return r.document.sources[i]?.place ?? `${at}`;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function region(r: Finding['range']) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function uriOf(path: string): string {
  return path
    .split(/[\\/]/)
    .map((p) => encodeURIComponent(p))
    .join('/');
}

/**
 * A text report's location is its region. A document's (.docx/.pdf/.html) is the original file with no
 * region (SARIF regions count lines or bytes, neither of which a page or a table cell is), its place as a
 * logical location, and the reader's location and the text rendering's region as properties.
 */
function location(r: FileResult, f: Finding, i: number, artifactLocation: { uri: string; index: number }) {
  if (!r.document) return { physicalLocation: { artifactLocation, region: region(f.range) } };
  const source: Source | null = r.document.sources[i] ?? null;
  return {
    physicalLocation: { artifactLocation },
    ...(source ? { logicalLocations: [{ fullyQualifiedName: source.place, kind: 'element' }] } : {}),
    properties: { ...(source ? { source } : {}), rendering: region(f.range) },
  };
}

/** The results of one file's findings, the run's file numbered `fileIndex`. */
export function sarifResults(r: FileResult, fileIndex: number): object[] {
  const artifactLocation = { uri: uriOf(r.path), index: fileIndex };
  return r.findings.map((f, i) => ({
    ruleId: f.rule,
    ruleIndex: RULE_IDS.indexOf(f.rule),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(r, f, i, artifactLocation)],
    ...(f.related.length
      ? {
          relatedLocations: f.related.map((rel, id) => ({
            id,
            message: { text: rel.message },
            // Last year's report is another file; a document's rendering has no region in the file itself.
            // Last year's document (place set): its place as a logical location, as for this file's findings.
            physicalLocation:
              rel.uri !== undefined
                ? { artifactLocation: { uri: uriOf(rel.uri) }, ...(rel.place ? {} : { region: region(rel.range) }) }
                : r.document
                  ? { artifactLocation }
                  : { artifactLocation, region: region(rel.range) },
            ...(rel.place ? { logicalLocations: [{ fullyQualifiedName: rel.place, kind: 'element' }] } : {}),
            ...((r.document && rel.uri === undefined) || rel.place ? { properties: { rendering: region(rel.range) } } : {}),
          })),
        }
      : {}),
    // A fix edits text: a document's rendering is not the file, so its fixes are not offered.
    ...(f.fix && !r.document
      ? {
          fixes: [
            {
              description: { text: f.fix.title },
              artifactChanges: [
                {
                  artifactLocation,
                  replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                },
              ],
            },
          ],
        }
      : {}),
  }));
}

export function toSarif(results: readonly FileResult[], version: string, l: Locale): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ogi-report',
            version,
            rules: RULE_IDS.map((id) => ({
              id,
              shortDescription: { text: l === 'en' ? RULES[id].en : RULES[id].zh },
              defaultConfiguration: { level: LEVEL[RULES[id].severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        artifacts: results.map((r) => ({ location: { uri: uriOf(r.path) } })),
        results: results.flatMap((r, fileIndex) => sarifResults(r, fileIndex)),
      },
    ],
  };
}

// The SARIF output as JSON.stringify(toSarif(…), null, 2) writes it, file by file: its two arrays of files
// are written item by item into the text of a run without files, each item indented to its depth.
const ITEM_INDENT = ' '.repeat(8);
const ARRAY_CLOSE = '\n' + ' '.repeat(6) + ']';

/** A file's results as items of the SARIF output's results array (with ',\n' between), '' when it has none. */
export function sarifResultItems(r: FileResult, fileIndex: number): string {
  return sarifResults(r, fileIndex).map(sarifItem).join(',\n');
}

function sarifItem(x: object): string {
  return ITEM_INDENT + JSON.stringify(x, null, 2).replaceAll('\n', '\n' + ITEM_INDENT);
}

/** The SARIF output of the files at `paths`, from each file's results (sarifResultItems), in order. */
export function writeSarifDocument(paths: readonly string[], resultItems: Iterable<string>, version: string, l: Locale, write: Write): void {
  const empty = JSON.stringify(toSarif([], version, l), null, 2) + '\n';
  const [beforeArtifacts, between, afterResults] = empty.split(/"artifacts": \[\]|"results": \[\]/);
  write(beforeArtifacts + '"artifacts": [');
  paths.forEach((path, i) => write((i ? ',\n' : '\n') + sarifItem({ location: { uri: uriOf(path) } })));
  write((paths.length ? ARRAY_CLOSE : ']') + between + '"results": [');
  let first = true;
  for (const items of resultItems) {
    if (items === '') continue;
    write((first ? '\n' : ',\n') + items);
    first = false;
  }
  write((first ? ']' : ARRAY_CLOSE) + afterResults);
}
