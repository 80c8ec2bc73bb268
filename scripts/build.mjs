// Bundles the CLI, the benchmark, the language server and the VS Code client into dist/.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: process.env.OGI_NO_SOURCEMAP !== '1',
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
};

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/bench.ts'], outfile: 'dist/bench.js' }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', minify: process.env.OGI_MINIFY === '1' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: process.env.OGI_MINIFY === '1' }),
]);
