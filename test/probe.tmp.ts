import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../server/src/core/document.js';
const files: string[] = [];
const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (/\.(txt|md)$/.test(f)) files.push(p); } };
walk('samples'); walk('test/fixtures');
const seen = new Map<string, string>();
for (const f of files) {
  const { findings } = analyzeDocument(readFileSync(f, 'utf8'));
  for (const x of findings) for (const m of [x.message, ...x.related.map((r) => r.message), x.fix?.title ?? '']) {
    const bad = /\p{Script=Han}[^\n]*[()]|[()][^\n]*\p{Script=Han}/u.test(m) && /\((?![^)]*[a-zA-Z]{3})/.test(m) ? 'halfparen' : / [（）]|（ | ）/.test(m) ? 'space' : /还参与|≠/.test(m) ? 'word' : /[,:;](?=\p{Script=Han})|(?<=\p{Script=Han})[,:;]/u.test(m) ? 'halfpunct' : '';
    if (bad && !seen.has(x.rule + bad)) seen.set(x.rule + bad, `${bad} ${x.rule}: ${m}`);
  }
}
for (const v of seen.values()) console.log(v);
