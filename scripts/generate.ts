// Writes what package.json and snippets/ derive from the engine's data: the settings schema
// (contributes.configuration) and the table snippets. `npm run generate`; a test checks both are current.
import { readFileSync, writeFileSync } from 'node:fs';
import { configurationProperties } from '../server/src/lsp/settings.js';
import { CURRENT_FORMAT } from '../server/src/core/format/formats.js';
import { skeletonText, tableTemplates, tableText } from '../server/src/core/templates.js';

// One snippet per table per shape, in the current format: a snippet cannot see the report's year, so the
// 2019 format's tables are left to the server's completion (offered there for reports before 2021).
export function snippets(): Record<string, { prefix: string[]; body: string[]; description: string }> {
  const out: Record<string, { prefix: string[]; body: string[]; description: string }> = {};
  for (const t of tableTemplates().filter((x) => x.format === CURRENT_FORMAT)) {
    for (const [shape, zh, enName] of [['tsv', '制表符', 'tabs'], ['markdown', 'Markdown', 'markdown']] as const) {
      const title = t.format.sections[t.table.section - 1].title;
      out[`${t.table.name} ${title}（${zh}）`] = {
        prefix: t.table.snippetPrefixes.map((p) => `${p}${shape === 'markdown' ? '-md' : ''}`),
        body: tableText(t.table, shape, true).text.split('\n'),
        description: `${t.format.notice} ${t.table.name}（${enName}） / ${t.table.nameEn}, ${t.format.version} format`,
      };
    }
  }
  for (const [shape, zh] of [['tsv', '制表符'], ['markdown', 'Markdown']] as const) {
    out[`年度报告全文框架（2021 格式，${zh}）`] = {
      prefix: ['年度报告', '报告框架', `report-skeleton${shape === 'markdown' ? '-md' : ''}`],
      body: skeletonText(shape, true).split('\n'),
      description: '六个法定章节与表二、表三、表四 / the six statutory sections with tables 2, 3 and 4',
    };
  }
  return out;
}

if (process.argv[1]?.endsWith('generate.ts')) {
  const pkgPath = new URL('../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  pkg.contributes.configuration.properties = configurationProperties();
  writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');
  writeFileSync(new URL('../snippets/ogi-report.code-snippets', import.meta.url), JSON.stringify(snippets(), null, 2) + '\n');
  console.log('package.json configuration and snippets/ogi-report.code-snippets written');
}
