// npm test: every layer in turn, stopping at the first that fails.
//   1. engine, CLI, grammar and protocol tests (node's test runner, TypeScript through tsx)
//   2. the language server in real editor clients: headless Neovim and batch Emacs with eglot (Debian's,
//      installed by test/editors/install.sh with apt-get; OGI_SKIP_EDITORS=1 skips, CI never sets it)
//   3. the .vsix packaged and checked
//   4. the extension-host suite inside a real VS Code (code-server + headless Chromium), against the
//      packaged build; its harness installs itself (apt-get and npm ci, as root). OGI_SKIP_E2E=1 skips
//      this layer on machines that cannot install it (CI never sets it).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const testFiles = (...dirs) =>
  dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => `${dir}/${f}`),
  );
const step = (name, cmd, args, timeoutMin) => {
  const t0 = Date.now();
  console.log(`\n::: ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', timeout: timeoutMin * 60_000, killSignal: 'SIGTERM' });
  const status = r.status ?? 1;
  console.log(`::: ${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s (exit ${r.error ? r.error.message : status})`);
  if (status !== 0) process.exit(status);
};
const node = process.execPath;

step('engine, CLI, grammar and protocol tests', node, ['--import', 'tsx', '--test', '--test-reporter=spec', ...testFiles('test/unit', 'test/protocol')], 15);
if (process.env.OGI_SKIP_EDITORS === '1') {
  console.log('\n::: real editor clients skipped (OGI_SKIP_EDITORS=1)');
} else {
  step('real editor clients install (Neovim, Emacs + eglot)', 'bash', ['test/editors/install.sh'], 8);
  step('real editor clients: Neovim and Emacs/eglot', node, ['--import', 'tsx', '--test', '--test-reporter=spec', ...testFiles('test/editors')], 5);
}
step('package the .vsix', node, ['scripts/package.mjs'], 3);
step('.vsix tests', node, ['--import', 'tsx', '--test', '--test-reporter=spec', ...testFiles('test/package')], 3);
if (process.env.OGI_SKIP_E2E === '1') {
  console.log('\n::: extension-host tests skipped (OGI_SKIP_E2E=1)');
} else {
  step('e2e harness install (code-server, chromium)', 'bash', ['test/e2e/harness/install.sh'], 12);
  step('extension-host tests in code-server', node, ['scripts/test-e2e.mjs', '--no-build'], 10);
}
