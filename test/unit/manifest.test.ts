// package.json and the files it points to agree with the engine: settings schema, snippets, translations.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { configurationProperties, readSettings } from '../../server/src/lsp/settings.js';
import { snippets } from '../../scripts/generate.js';
import { ROOT, analyze, errors } from '../helpers.js';

const read = (p: string) => JSON.parse(readFileSync(`${ROOT}/${p}`, 'utf8'));
const pkg = read('package.json');

describe('manifest', () => {
  it('contributes.configuration is the zod settings schema (npm run generate)', () => {
    assert.deepEqual(pkg.contributes.configuration.properties, JSON.parse(JSON.stringify(configurationProperties())));
  });

  it('every default in the manifest is what the server assumes', () => {
    const defaults = Object.fromEntries(Object.entries(pkg.contributes.configuration.properties).map(([k, v]) => [k.replace('ogiReport.', ''), (v as { default: unknown }).default]));
    assert.deepEqual(readSettings(defaults), { settings: readSettings({}).settings, problems: [] });
  });

  it('the snippets file is generated from the format (npm run generate)', () => {
    assert.deepEqual(read('snippets/ogi-report.code-snippets'), snippets());
  });

  it('every snippet, with its tab stops at their defaults, reads as a clean statutory table', () => {
    for (const [name, s] of Object.entries(snippets())) {
      const text = s.body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1');
      const year = name.includes('2019') ? 2020 : 2023;
      const a = analyze(`${year}年政府信息公开工作年度报告\n${text}\n`);
      assert.ok(a.report.tables.length >= 1, name);
      const problems = a.findings.filter((f) => !f.rule.startsWith('section') && !f.rule.startsWith('table'));
      assert.deepEqual(problems.map((f) => f.message), [], name);
      if (name.startsWith('年度报告')) assert.deepEqual(errors(a), [], name);
    }
  });

  it('every %key% has its English and Chinese text', () => {
    const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length >= 10);
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = read(file);
      for (const k of keys) assert.ok(typeof nls[k] === 'string' && nls[k].length > 0, `${file}: ${k}`);
    }
  });

  it('points at files that exist', () => {
    const c = pkg.contributes;
    for (const p of [c.languages[0].configuration, c.grammars[0].path, c.snippets[0].path]) assert.ok(existsSync(`${ROOT}/${p}`), p);
  });
});
