// Bundles the CLI (and its worker thread), the benchmark, the language server and the VS Code client
// into dist/, and the PDF reader's pdf.js half on its own (dist/pdf-reader.js + dist/pdf-cmaps/), loaded
// by the bundles that include the readers on the first PDF only (scripts/pdf-bundle.mjs).
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { copyCMaps, lazyPdfEngine, pdfReaderBuild } from './pdf-bundle.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const sourcemap = process.env.OGI_NO_SOURCEMAP !== '1';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap,
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
};
const minify = process.env.OGI_MINIFY === '1';
// Bundles that include the readers get the plugin: their `import('./engine.js')` becomes ./pdf-reader.js.
const readers = { plugins: [lazyPdfEngine] };
const bundles = [
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, ...readers },
  { entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cli-worker.js', ...readers },
  { entryPoints: ['server/src/bench.ts'], outfile: 'dist/bench.js', ...readers },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', minify, ...readers },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify },
];

await Promise.all([...bundles.map((b) => build({ ...common, ...b })), build(pdfReaderBuild(common, 'dist/pdf-reader.js'))]);
copyCMaps('dist');

// A .map left from an earlier build (a build without source maps, or a bundle since removed) would
// describe code that is no longer there: only the maps this build wrote stay (pdf-reader.js has none).
const written = new Set(sourcemap ? bundles.map((b) => `${b.outfile.slice('dist/'.length)}.map`) : []);
for (const f of readdirSync('dist')) if (f.endsWith('.map') && !written.has(f)) rmSync(`dist/${f}`);
