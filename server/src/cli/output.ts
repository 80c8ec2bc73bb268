// The checker's text and SARIF 2.1.0 outputs (the JSON document is outputs/json.ts; csv and html are
// rendered per file in the checking threads: outputs/csv.ts, outputs/review.ts).
import type { Finding } from '../core/analyze.js';
import { type Locale, RULES, RULE_IDS, type Severity } from '../core/rules.js';

export interface FileResult {
  path: string;
  findings: Finding[];
}

export function toText(results: readonly FileResult[], l: Locale): string {
  const lines: string[] = [];
  const count: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    for (const f of r.findings) {
      count[f.severity]++;
      lines.push(`${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule}: ${f.message}`);
      // A location in another file (last year's report) is named where it is, so an editor can jump there.
      for (const x of f.related) if (x.uri !== undefined) lines.push(`  ${x.uri}:${x.range.start.line + 1}:${x.range.start.character + 1}: ${x.message}`);
    }
  }
  lines.push(
    l === 'en'
      ? `${results.length} file(s): ${count.error} error(s), ${count.warning} warning(s), ${count.information + count.hint} note(s)`
      : `${results.length} 个文件：${count.error} 个错误，${count.warning} 个警告，${count.information + count.hint} 个提示`,
  );
  return lines.join('\n') + '\n';
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
        results: results.flatMap((r, fileIndex) =>
          r.findings.map((f) => {
            const artifactLocation = { uri: uriOf(r.path), index: fileIndex };
            return {
              ruleId: f.rule,
              ruleIndex: RULE_IDS.indexOf(f.rule),
              level: LEVEL[f.severity],
              message: { text: f.message },
              locations: [{ physicalLocation: { artifactLocation, region: region(f.range) } }],
              ...(f.related.length
                ? {
                    relatedLocations: f.related.map((rel, id) => ({
                      id,
                      message: { text: rel.message },
                      physicalLocation: { artifactLocation: rel.uri !== undefined ? { uri: uriOf(rel.uri) } : artifactLocation, region: region(rel.range) },
                    })),
                  }
                : {}),
              ...(f.fix
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
            };
          }),
        ),
      },
    ],
  };
}
