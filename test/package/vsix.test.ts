// The packaged .vsix (built by `npm run package` just before this test): only what the extension needs
// at run time, under 1 MB, and a manifest VS Code accepts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers.js';

const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8'));
const vsix = `${ROOT}/out/${pkg.name}-${pkg.version}.vsix`;

describe('the .vsix', () => {
  const names = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .sort();

  it('is under 1 MB', () => assert.ok(statSync(vsix).size < 1024 * 1024, `${statSync(vsix).size} bytes`));

  it('holds only what the extension runs', () => {
    assert.deepEqual(
      names.filter((n) => n.startsWith('extension/')),
      [
        'extension/LICENSE.txt',
        'extension/README.md',
        'extension/dist/extension.js',
        'extension/dist/server.js',
        'extension/l10n/bundle.l10n.json',
        'extension/l10n/bundle.l10n.zh-cn.json',
        'extension/language-configuration.json',
        'extension/media/preview.js',
        'extension/package.json',
        'extension/package.nls.json',
        'extension/package.nls.zh-cn.json',
        'extension/snippets/ogi-report.code-snippets',
        'extension/syntaxes/ogi-report.tmLanguage.json',
      ],
    );
  });

  it('carries a manifest whose engine code-server 4.100 (VS Code 1.100) accepts', () => {
    const manifest = execFileSync('python3', ['-c', 'import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("extension/package.json").decode())', vsix], { encoding: 'utf8' });
    const m = JSON.parse(manifest);
    assert.equal(m.main, './dist/extension.js');
    assert.match(m.engines.vscode, /^\^1\.(9\d|100)\./);
  });
});
