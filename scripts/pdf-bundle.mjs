// The PDF reader's pdf.js half is bundled on its own (dist/pdf-reader.js, loaded on the first PDF only), so
// the server, CLI and extension bundles stay small. Use from scripts/build.mjs:
//   import { pdfReaderBuild, lazyPdfEngine } from './pdf-bundle.mjs';
//   build({ ...common, plugins: [lazyPdfEngine] , ... });  build(pdfReaderBuild(common, 'dist/pdf-reader.js'));
//   copyCMaps('dist');
// Run alone: node scripts/pdf-bundle.mjs [outfile]
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The character maps of the Chinese (GB) encodings, for PDFs whose fonts are not embedded (about 290 KB),
 * copied to OUTDIR/pdf-cmaps next to pdf-reader.js.
 */
export function copyCMaps(outdir) {
  const src = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps');
  const dst = join(outdir, 'pdf-cmaps');
  mkdirSync(dst, { recursive: true });
  for (const f of readdirSync(src)) if (/^(Adobe-GB1-|UniGB-|GBK|GB-|GBpc-|GBT|GBK2K|Identity)/.test(f)) copyFileSync(join(src, f), join(dst, f));
}

/** Rewrites readers/pdf's `import('./engine.js')` to the separate bundle next to the output file. */
export const lazyPdfEngine = {
  name: 'lazy-pdf-engine',
  setup(b) {
    b.onResolve({ filter: /^\.\/engine\.js$/ }, (args) =>
      /readers[\\/]pdf[\\/]index\.ts$/.test(args.importer) ? { path: './pdf-reader.js', external: true } : undefined,
    );
  },
};

/** esbuild options for the pdf.js bundle (CJS, Node 20). */
export function pdfReaderBuild(common, outfile) {
  return {
    ...common,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    entryPoints: ['server/src/readers/pdf/engine.ts'],
    outfile,
    minify: true,
    sourcemap: false,
    // pdf.js asks for import.meta.url only to load the optional canvas package, inside a try.
    logOverride: { 'empty-import-meta': 'silent' },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outfile = process.argv[2] ?? 'dist/pdf-reader.js';
  await build(pdfReaderBuild({ logLevel: 'warning' }, outfile));
  copyCMaps(dirname(outfile));
}
