// npm run package: a minified build and the .vsix (only what the extension runs: dist/extension.js,
// dist/server.js, the grammar, snippets, manifest and its translations).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const out = process.argv[2] ?? `out/${pkg.name}-${pkg.version}.vsix`;
mkdirSync(out.replace(/[^/]*$/, '') || '.', { recursive: true });
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', env: { ...process.env, OGI_MINIFY: '1', OGI_NO_SOURCEMAP: '1' } });
execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], { stdio: 'inherit' });
console.log(`${out}: ${(statSync(out).size / 1024).toFixed(0)} KB`);
