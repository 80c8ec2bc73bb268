// The CLI's JSON output with related locations and fixes: for every finding exactly what SARIF carries.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { toSarif } from '../../server/src/cli/output.js';
import { jsonOutputSchema, toJson } from '../../server/src/outputs/json.js';
import { ROOT, analyze } from '../helpers.js';

const dir = join(ROOT, 'samples/broken');
const results = readdirSync(dir)
  .sort()
  .map((f) => ({ path: `samples/broken/${f}`, findings: analyze(readFileSync(join(dir, f), 'utf8')).findings }));

describe('outputs/json toJson', () => {
  const doc = toJson(results);
  it('validates against its schema, one diagnostic per finding with its rule, severity, message and range', () => {
    jsonOutputSchema.parse(JSON.parse(JSON.stringify(doc)));
    assert.deepEqual(
      doc.files.map((f) => ({ path: f.path, diagnostics: f.diagnostics.map(({ related: _r, fix: _f, ...d }) => d) })),
      results.map((r) => ({ path: r.path, diagnostics: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, range: f.range })) })),
    );
  });
  it('carries the same related locations and fixes as SARIF', () => {
    const sarif = toSarif(results, '0', 'zh-cn') as {
      runs: { results: { relatedLocations?: { message: { text: string } }[]; fixes?: { description: { text: string }; artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[] }[] }[];
    };
    const flat = doc.files.flatMap((f) => f.diagnostics);
    const s = sarif.runs[0].results;
    assert.equal(flat.length, s.length);
    let related = 0;
    let fixes = 0;
    flat.forEach((d, k) => {
      assert.deepEqual(d.related?.map((r) => r.message) ?? [], s[k].relatedLocations?.map((r) => r.message.text) ?? []);
      assert.equal(d.fix?.title, s[k].fixes?.[0].description.text);
      assert.deepEqual(d.fix?.edits.map((e) => e.newText), s[k].fixes?.[0].artifactChanges[0].replacements.map((r) => r.insertedContent.text));
      related += d.related?.length ?? 0;
      fixes += d.fix ? 1 : 0;
    });
    assert.ok(related > 0 && fixes > 0, `${related} related, ${fixes} fixes`);
    const f0 = results.flatMap((r) => r.findings).find((f) => f.fix)!;
    const d0 = flat.find((d) => d.fix && d.message === f0.message)!;
    assert.deepEqual(d0.fix!.edits, f0.fix!.edits);
  });
});
