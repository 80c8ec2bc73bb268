// The packaged .vsix (built by `npm run package` just before this test): only what the extension needs
// at run time, under 1 MB without the PDF reader, and a manifest VS Code accepts. The PDF reader (pdf.js,
// dist/pdf-reader.js + the GB character maps dist/pdf-cmaps/) ships as a separate bundle loaded on the
// first PDF only: the server starts and checks text without it.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers.js';

const PDF_READER = /^extension\/dist\/(pdf-reader\.js|pdf-cmaps\/)/;

const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8'));
const vsix = `${ROOT}/out/${pkg.name}-${pkg.version}.vsix`;

describe('the .vsix', () => {
  const names = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .sort();

  // Measured: 288 KB without the PDF reader, 1055 KB with it (pdf-reader.js ≈ 520 KB compressed of
  // 1.7 MB, the GB cmaps ≈ 245 KB). The extension's own code stays under 1 MB; the whole under 1.25 MB.
  it('is under 1 MB without the PDF reader, and under 1.25 MB with it', () => {
    const sizes = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(f"{i.filename}\\t{i.compress_size}" for i in zipfile.ZipFile(sys.argv[1]).infolist()))', vsix], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    const own = sizes.filter(([n]) => !PDF_READER.test(n)).reduce((n, [, c]) => n + Number(c), 0);
    assert.ok(own < 1024 * 1024, `${own} bytes without the PDF reader`);
    assert.ok(statSync(vsix).size < 1.25 * 1024 * 1024, `${statSync(vsix).size} bytes`);
  });

  it('ships the PDF reader as its own bundle, with the GB character maps', () => {
    assert.ok(names.includes('extension/dist/pdf-reader.js'));
    assert.ok(names.some((n) => /^extension\/dist\/pdf-cmaps\/UniGB-UCS2-H\.bcmap$/.test(n)), 'UniGB-UCS2-H cmap');
  });

  it('starts the server and checks a text report without the PDF reader beside it (pdf.js is loaded lazily)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogi-vsix-'));
    try {
      execFileSync('python3', ['-c', 'import sys,zipfile;zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', vsix, dir]);
      // In its place, a module that leaves a mark when loaded.
      const mark = join(dir, 'pdf-reader-loaded');
      writeFileSync(join(dir, 'extension/dist/pdf-reader.js'), `require('node:fs').writeFileSync(${JSON.stringify(mark)}, 'loaded');`);
      rmSync(join(dir, 'extension/dist/pdf-cmaps'), { recursive: true });
      const diagnostics = await diagnosticsOf(join(dir, 'extension/dist/server.js'), readFileSync(`${ROOT}/test/fixtures/rules/row-total.txt`, 'utf8'));
      assert.ok(diagnostics.some((d) => d.code === 'row-total' || /row-total/.test(JSON.stringify(d))), JSON.stringify(diagnostics).slice(0, 300));
      assert.ok(!existsSync(mark), 'the server loaded pdf-reader.js');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('holds only what the extension runs', () => {
    assert.deepEqual(
      names.filter((n) => n.startsWith('extension/') && !PDF_READER.test(n)),
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

/** The diagnostics a server bundle publishes for one opened text document (a minimal LSP client over stdio). */
function diagnosticsOf(server: string, text: string): Promise<{ code?: unknown; message: string }[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => (proc.kill(), reject(new Error('no diagnostics within 30 s'))), 30_000);
    const send = (m: object) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
      proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      proc.stdin.write(body);
    };
    let buf = Buffer.alloc(0);
    proc.stdout.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const head = buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())?.[1]);
        if (buf.length < head + 4 + len) return;
        const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString('utf8'));
        buf = buf.subarray(head + 4 + len);
        if (msg.id === 1 && 'result' in msg) {
          send({ method: 'initialized', params: {} });
          send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/r.txt', languageId: 'ogi-report', version: 1, text } } });
        } else if (msg.method === 'workspace/configuration') send({ id: msg.id, result: (msg.params.items as unknown[]).map(() => null) });
        else if (msg.id !== undefined && msg.method) send({ id: msg.id, result: null });
        else if (msg.method === 'textDocument/publishDiagnostics' && msg.params.uri === 'file:///tmp/r.txt') {
          clearTimeout(timer);
          proc.kill();
          resolve(msg.params.diagnostics);
        }
      }
    });
    proc.on('error', reject);
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}
