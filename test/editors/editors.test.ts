// The language server in real editor clients: a headless Neovim (its built-in client, vim.lsp) and a batch
// Emacs with eglot, each driven by a script of its own language (neovim.lua, eglot.el) against dist/server.js
// over stdio, on a .txt report in a plain-text buffer. Each editor converts the positions itself (Neovim
// to byte columns, eglot to buffer positions) and back, applies the quick fix and Format Document with its
// own edit code, rewrites table 三 as a Markdown table and sends the change as it would: what comes back
// must be exactly what the engine says, on a line of CJK and on one with 𠮷 (two UTF-16 units). In CI the editors are installed (install.sh); elsewhere a
// missing editor skips its tests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Finding } from '../../server/src/core/analyze.js';
import { applyEdits } from '../../server/src/core/fix.js';
import { formatTables, reshapeTable } from '../../server/src/outputs/reshape.js';
import { ROOT, analyze, replaceRange } from '../helpers.js';

const SERVER = join(ROOT, 'dist/server.js');
const dir = mkdtempSync(join(tmpdir(), 'ogi-editors-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Two reports: a wrong cell in table 三 (a line of CJK and pipes), and a section title with 𠮷 in it. */
const cases = (() => {
  const broken = join(dir, '表三单元格填错.txt');
  copyFileSync(join(ROOT, 'samples/broken/表三单元格填错-东城区.txt'), broken);
  const seed = readdirSync(join(ROOT, 'samples/seeds')).find((f) => f.startsWith('000'))!;
  const astral = join(dir, '标题𠮷.txt');
  const text = readFileSync(join(ROOT, 'samples/seeds', seed), 'utf8').replace(/^二、主动公开政府信息情况$/m, '二、主动公开政府信息情况𠮷');
  writeFileSync(astral, text);
  return [
    { name: 'a wrong cell of table 三', path: broken, rule: 'likely-culprit', hover: /应为 3，实际为 4/ },
    { name: 'a section title with 𠮷', path: astral, rule: 'section-title', hover: null },
    // The user's settings reach the server through the editor's own workspace/configuration answer.
    { name: 'the settings (ogiReport.locale = en)', path: broken, rule: 'likely-culprit', hover: /expected 3, found 4/, settings: { locale: 'en' } },
  ];
})();

interface Seen {
  error?: string;
  published: boolean;
  diagnostics: { code: string; message: string; range: Finding['range'] }[];
  hover: string | null;
  symbols: string[];
  actions: { title: string; kind: string; edit: boolean }[];
  edited: number;
  line: string;
  cleared: boolean;
  after: unknown[];
  formatted: string;
  reshaped: string;
  reshapeSeconds: number;
  formatSeconds: number;
  encoding?: string;
}

/** Each editor runs a script of its own language (the LSP session, or the sync test), the rest from the environment. */
const editors = [
  {
    name: 'Neovim (vim.lsp)',
    binary: 'nvim',
    session: 'neovim.lua',
    sync: 'neovim-sync.lua',
    args: (script: string) => ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(ROOT, 'test/editors', script)}`],
  },
  {
    name: 'Emacs (eglot)',
    binary: 'emacs',
    session: 'eglot.el',
    sync: 'eglot-sync.el',
    args: (script: string) => ['--batch', '-l', join(ROOT, 'test/editors', script)],
  },
];
const runEditor = (e: (typeof editors)[number], script: string, env: Record<string, string>) => spawnSync(e.binary, e.args(script), { env: { ...process.env, ...env }, timeout: 120_000 });

for (const editor of editors) {
  // CI installs the editors: there, a missing one fails rather than skips.
  const missing = !has(editor.binary) && process.env.CI !== 'true';
  describe(editor.name, { skip: missing ? `${editor.binary} is not installed (bash test/editors/install.sh)` : false }, () => {
    for (const c of cases) {
      it(`${c.name}: the diagnostic where the engine puts it, hover, outline, and the quick fix applied by the editor clears it`, () => {
        const text = readFileSync(c.path, 'utf8');
        const expected = analyze(text, c.settings ? { locale: 'en' } : {}).findings.find((f) => f.rule === c.rule)!;
        assert.ok(expected?.fix, `the engine finds ${c.rule} with a fix`);
        const out = join(dir, `${editor.binary}-${cases.indexOf(c)}.json`);
        const r = runEditor(editor, editor.session, { OGI_SERVER: SERVER, OGI_REPORT: c.path, OGI_OUT: out, OGI_CODE: c.rule, ...(c.settings ? { OGI_SETTINGS: JSON.stringify(c.settings) } : {}) });
        assert.equal(r.status, 0, `${editor.binary} exited ${r.status}: ${String(r.stderr).slice(-2000)}`);
        const seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
        assert.equal(seen.error, undefined, seen.error);
        assert.ok(seen.published, 'diagnostics published');
        if (seen.encoding !== undefined) assert.equal(seen.encoding, 'utf-16');

        // The editor's own round trip of the range (to its columns and back) gives the engine's range.
        const shown = seen.diagnostics.find((d) => d.code === c.rule)!;
        assert.deepEqual(shown.range, expected.range);
        assert.equal(shown.message, expected.message);
        if (c.hover) assert.match(String(seen.hover), c.hover);

        const report = analyze(text).report;
        assert.deepEqual(seen.symbols, report.sections.map((s) => s.heading.text));

        assert.deepEqual(seen.actions.map((a) => [a.title, a.kind, a.edit]), [[expected.fix!.title, 'quickfix', true]]);
        // The edit as the editor applied it: the line is the engine's fix applied to the text.
        const fixed = expected.fix!.edits.reduceRight((t, e) => replaceRange(t, e.range, e.newText), text);
        assert.equal(seen.line, fixed.split('\n')[seen.edited].replace(/\r$/, ''));
        assert.ok(seen.cleared, `the ${c.rule} diagnostic is gone after the editor's change`);
        assert.deepEqual(seen.after, []);
        // Format Document as the editor applied it: the engine's alignment of the fixed text.
        const aligned = formatTables(fixed, analyze(fixed)).reduceRight((t, e) => replaceRange(t, e.range, e.newText), fixed);
        if (c.path === cases[0].path) assert.notEqual(aligned, fixed, 'the pipe table is realigned');
        assert.ok(seen.formatted === aligned, 'Format Document as the editor applied it is the engine’s alignment');
        assert.ok(seen.formatSeconds < 2, `Format Document took ${seen.formatSeconds} s to apply`);
        // Table 三 rewritten as a Markdown table: the engine's rewrite, applied at once. Eglot diffs each edit's
        // region: one edit for a whole table took it 2–34 s (10 s to format this one), edits of its lines
        // a few milliseconds.
        const a2 = analyze(aligned);
        const row = aligned.split('\n').findIndex((l) => l.includes('本年新收'));
        const t3 = a2.report.tables.find((t) => t.firstLine <= row && row <= t.lastLine)!;
        assert.ok(seen.reshaped !== aligned, 'the rewrite was offered and applied');
        assert.ok(seen.reshaped === applyEdits(aligned, [reshapeTable(a2, t3, 'markdown')!]), 'the rewrite as the editor applied it is the engine’s');
        assert.ok(seen.reshapeSeconds < 2, `the rewrite took ${seen.reshapeSeconds} s to apply`);
      });
    }
  });
}

// Incremental sync: random edits through each editor's own change tracking (CJK, 𠮷, line breaks, deletions
// across them), then the server's copy of the text must be the editor's.
for (const editor of editors) {
  it(`${editor.name}: after 200 random incremental edits (seeds 1–3) the server's text is the editor's`, { skip: !has(editor.binary) && process.env.CI !== 'true' }, () => {
    for (const seed of [1, 2, 3]) {
      const out = join(dir, `${editor.binary}-sync-${seed}.json`);
      const r = runEditor(editor, editor.sync, { OGI_SERVER: SERVER, OGI_REPORT: cases[1].path, OGI_OUT: out, OGI_SEED: String(seed), OGI_EDITS: '200' });
      assert.equal(r.status, 0, String(r.stderr).slice(-2000));
      const seen = JSON.parse(readFileSync(out, 'utf8')) as { error?: string; equal: boolean; inSync: boolean; edits: number; client: string; server: string };
      assert.equal(seen.error, undefined, seen.error);
      assert.equal(seen.edits, 200);
      assert.ok(seen.inSync, `seed ${seed}: the server refused a change`);
      assert.equal(seen.server, seen.client, `seed ${seed}: the server's text differs from the editor's`);
    }
  });
}

// The configurations the README gives users, run as written (the path to the server filled in).
describe('the README’s editor configurations, as written', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = (heading: RegExp, lang: string) => {
    const m = new RegExp(`${heading.source}[^\\n]*\\n\\n\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(readme);
    assert.ok(m, `a ${lang} block after ${heading}`);
    return m[1].replaceAll('/path/to/ogi-report', ROOT.replace(/\/$/, ''));
  };
  const report = cases[0].path;
  const expected = analyze(readFileSync(report, 'utf8')).findings.find((f) => f.rule === 'likely-culprit')!.message;

  it('Neovim: init.lua starts the server on a .txt buffer and its diagnostic arrives', { skip: !has('nvim') && process.env.CI !== 'true' }, () => {
    const init = join(dir, 'init.lua');
    writeFileSync(init, block(/Neovim \(`init\.lua`\):/, 'lua'));
    const out = join(dir, 'readme-nvim.txt');
    const probe = `lua vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50); vim.fn.writefile({ vim.bo.filetype, (vim.diagnostic.get(0)[1] or {}).message or '' }, '${out}'); vim.cmd('qa!')`;
    const r = spawnSync('nvim', ['--headless', '-u', init, '-i', 'NONE', report, '-c', probe], { timeout: 60_000 });
    assert.equal(r.status, 0, String(r.stderr));
    assert.deepEqual(readFileSync(out, 'utf8').trimEnd().split('\n'), ['text', expected]);
  });

  it('Emacs: the eglot configuration connects from text-mode and its diagnostic arrives', { skip: !has('emacs') && process.env.CI !== 'true' }, () => {
    const init = join(dir, 'init.el');
    const out = join(dir, 'readme-emacs.txt');
    writeFileSync(
      init,
      // An interactive Emacs has eglot's autoloads and runs post-command-hook after find-file (where
      // eglot-ensure connects); a batch Emacs does neither by itself.
      `(require 'eglot)\n${block(/Emacs \(eglot/, 'elisp')}\n(find-file ${JSON.stringify(report)})\n(run-hooks 'post-command-hook)\n` +
        `(let ((deadline (+ (float-time) 20))) (while (and (< (float-time) deadline) (not (and (bound-and-true-p flymake-mode) (progn (flymake-start) (flymake-diagnostics))))) (accept-process-output nil 0.1)))\n` +
        `(let ((seen (format "%s\\n%s" major-mode (mapconcat #'flymake-diagnostic-text (flymake-diagnostics) "\\n")))) (with-temp-file ${JSON.stringify(out)} (insert seen)))\n(kill-emacs 0)\n`,
    );
    const r = spawnSync('emacs', ['--batch', '-l', init], { timeout: 60_000 });
    assert.equal(r.status, 0, String(r.stderr));
    assert.deepEqual(readFileSync(out, 'utf8').split('\n'), ['text-mode', `ogi-report [likely-culprit]: ${expected}`]);
  });
});
