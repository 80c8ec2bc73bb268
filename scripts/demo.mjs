// npm run demo: the product on the sample reports. First the command-line checker over samples/; then
// the extension in a real VS Code: desktop VS Code in development mode where it is installed (`code` on
// PATH, or VSCODE_PATH), otherwise VS Code in the browser (code-server, bound to 127.0.0.1) with the
// packaged .vsix installed, its address printed. Stops every process it started on Ctrl-C.
// Both work on a temporary copy of samples/ (the repository's files are never edited), open the broken
// sample, with auto-save off and no welcome page.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const BROKEN = 'broken/表三单元格填错-东城区.txt';
const DEMO_SETTINGS = {
  'files.autoSave': 'off',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
};
const base = mkdtempSync(join(tmpdir(), 'ogi-demo-'));
// The demo edits a copy: samples/ in the repository stays as it is.
const SAMPLES = join(base, 'samples');
cpSync(join(ROOT, 'samples'), SAMPLES, { recursive: true });
const writeSettings = (dir) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(DEMO_SETTINGS, null, 2));
};
writeSettings(join(SAMPLES, '.vscode')); // workspace settings: desktop VS Code keeps the user's own profile
const node = process.execPath;
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });

run(node, ['scripts/build.mjs']);
console.log('\n== ogi-report check samples ==');
spawnSync(node, ['dist/cli.js', 'check', 'samples'], { stdio: 'inherit', cwd: ROOT });

const desktop = process.env.VSCODE_PATH || (spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim() || null);
if (desktop && process.env.OGI_DEMO_BROWSER !== '1') {
  console.log(`\n== VS Code (${desktop}) with the extension in development mode on samples/ ==`);
  console.log(`(a copy of samples/ in ${SAMPLES}; delete it when done)`);
  spawn(desktop, [`--extensionDevelopmentPath=${ROOT}`, SAMPLES, join(SAMPLES, BROKEN)], { stdio: 'ignore', detached: true }).unref();
  process.exit(0);
}

console.log('\n== VS Code in the browser (code-server) ==');
const harness = join(ROOT, 'test/e2e/harness');
run('bash', [join(harness, 'install.sh')]);
run(node, ['scripts/package.mjs']);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const vsix = join(ROOT, `out/${pkg.name}-${pkg.version}.vsix`);

writeSettings(join(base, 'user-data/User'));
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VSCODE_|CODE_SERVER_|ELECTRON_)|^(PORT|PASSWORD)$/.test(k))),
  XDG_DATA_HOME: join(base, 'xdg/data'),
  XDG_CONFIG_HOME: join(base, 'xdg/config'),
  XDG_CACHE_HOME: join(base, 'xdg/cache'),
  EXTENSIONS_GALLERY: '{"serviceUrl":""}',
};
const entry = join(harness, 'node_modules/code-server/out/node/entry.js');
if (!existsSync(entry)) throw new Error(`code-server missing at ${entry}: test/e2e/harness/install.sh did not finish`);
const common = ['--user-data-dir', join(base, 'user-data'), '--extensions-dir', join(base, 'extensions')];
run(node, [entry, ...common, '--install-extension', vsix], { env });

const port = Number(process.env.OGI_DEMO_PORT) || (await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
}));
const server = spawn(
  node,
  [entry, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', SAMPLES],
  { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true },
);
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  rmSync(base, { recursive: true, force: true });
};
process.on('SIGINT', () => (stop(), process.exit(130)));
process.on('SIGTERM', () => (stop(), process.exit(143)));
server.on('exit', (code) => (rmSync(base, { recursive: true, force: true }), process.exit(code ?? 0)));
server.stdout.on('data', (d) => {
  if (/HTTP server listening/.test(String(d))) {
    // payload openFile: VS Code in the browser opens the broken sample in the folder at start.
    const file = `vscode-remote://127.0.0.1:${port}${encodeURI(join(SAMPLES, BROKEN))}`;
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(SAMPLES)}&payload=${encodeURIComponent(JSON.stringify([['openFile', file]]))}`;
    console.log(`\nOpen ${url}\nin a browser on this machine (a copy of samples/, on ${BROKEN}); Ctrl-C stops code-server.`);
    if (process.env.OGI_DEMO_EXIT_WHEN_READY === '1') (stop(), process.exit(0));
  }
});
