// Bundles the CLI (and its worker thread), the benchmark, the language server and the VS Code client
// into dist/.
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
const bundles = [
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cli-worker.js' },
  { entryPoints: ['server/src/bench.ts'], outfile: 'dist/bench.js' },
  // pdf.js stays out of the server: dist/pdf-reader.js, loaded on the first PDF (scripts/pdf-bundle.mjs).
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', minify, plugins: [lazyPdfEngine] },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify },
];

await Promise.all([...bundles.map((b) => build({ ...common, ...b })), build(pdfReaderBuild(common, 'dist/pdf-reader.js'))]);
copyCMaps('dist');

// A .map left from an earlier build (a build without source maps, or a bundle since removed) would
// describe code that is no longer there: only the maps this build wrote stay.
const written = new Set(sourcemap ? bundles.map((b) => `${b.outfile.slice('dist/'.length)}.map`) : []);
for (const f of readdirSync('dist')) if (f.endsWith('.map') && !written.has(f)) rmSync(`dist/${f}`);
