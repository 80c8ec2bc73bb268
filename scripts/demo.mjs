// npm run demo: the product on the sample reports. First the command-line checker over samples/; then
// the extension in a real VS Code: desktop VS Code in development mode where it is installed (`code` on
// PATH, or VSCODE_PATH), otherwise VS Code in the browser (code-server, bound to 127.0.0.1) with the
// packaged .vsix installed, its address printed. Stops every process it started on Ctrl-C.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const SAMPLES = join(ROOT, 'samples');
const node = process.execPath;
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });

run(node, ['scripts/build.mjs']);
console.log('\n== ogi-report check samples ==');
spawnSync(node, ['dist/cli.js', 'check', 'samples'], { stdio: 'inherit', cwd: ROOT });

const desktop = process.env.VSCODE_PATH || (spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim() || null);
if (desktop && process.env.OGI_DEMO_BROWSER !== '1') {
  console.log(`\n== VS Code (${desktop}) with the extension in development mode on samples/ ==`);
  spawn(desktop, [`--extensionDevelopmentPath=${ROOT}`, SAMPLES], { stdio: 'ignore', detached: true }).unref();
  process.exit(0);
}

console.log('\n== VS Code in the browser (code-server) ==');
const harness = join(ROOT, 'test/e2e/harness');
run('bash', [join(harness, 'install.sh')]);
run(node, ['scripts/package.mjs']);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const vsix = join(ROOT, `out/${pkg.name}-${pkg.version}.vsix`);

const base = mkdtempSync(join(tmpdir(), 'ogi-demo-'));
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
    console.log(`\nOpen http://127.0.0.1:${port}/?folder=${encodeURIComponent(SAMPLES)} in a browser on this machine.`);
    console.log('Open samples/broken/表三单元格填错-东城区.txt to see the checks; Ctrl-C stops code-server.');
    if (process.env.OGI_DEMO_EXIT_WHEN_READY === '1') (stop(), process.exit(0));
  }
});
