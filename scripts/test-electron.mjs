#!/usr/bin/env node
// The extension-host suite (test/e2e/suite) in desktop VS Code (Electron) through @vscode/test-electron.
// Same suite, same temp workspace as scripts/test-e2e.mjs; the code-server-only UI tests skip themselves.
//
//   VSCODE_PATH=/usr/share/code/code node scripts/test-electron.mjs [--no-build] [--grep <regexp>]
//
// VSCODE_PATH: the VS Code executable. Without it @vscode/test-electron downloads VS Code
// (VSCODE_VERSION, default: latest stable) into .test-output/vscode-test/, which needs network access.
// Linux without a display: run it under `xvfb-run -a`.
// Exit code: 0 passed, 1 tests failed, 2 usage, 3 no VS Code / build error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestRunFailedError, runTests } from '@vscode/test-electron';
import { OUTPUT_DIR, ROOT, buildSuite, makeWorkspace, removeWorkspace } from '../test/e2e/prepare.mjs';

let build = true;
let grep;
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--no-build') build = false;
  else if (a === '--grep' && i + 1 < process.argv.length) grep = process.argv[++i];
  else {
    console.error('usage: [VSCODE_PATH=<VS Code executable>] node scripts/test-electron.mjs [--no-build] [--grep <regexp>]');
    process.exit(2);
  }
}

const vscodeExecutablePath = process.env.VSCODE_PATH || undefined;
const version = process.env.VSCODE_VERSION || undefined;
if (vscodeExecutablePath && !fs.existsSync(vscodeExecutablePath)) {
  console.error(`[electron] VSCODE_PATH does not exist: ${vscodeExecutablePath}`);
  process.exit(3);
}
// never let the launched VS Code think it is a node process or a child of another VS Code
for (const k of Object.keys(process.env)) if (/^(VSCODE_|ELECTRON_)/.test(k)) delete process.env[k];

if (build && spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
  console.error('[electron] npm run build failed');
  process.exit(3);
}
const extensionTestsPath = await buildSuite();
const workspace = makeWorkspace();
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ogi-electron-profile-'));
fs.mkdirSync(path.join(profile, 'user-data', 'User'), { recursive: true });
fs.writeFileSync(path.join(profile, 'user-data', 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'git.enabled': false,
}));
fs.rmSync(path.join(OUTPUT_DIR, 'e2e-timings.json'), { force: true });

if (!vscodeExecutablePath) console.log('[electron] VSCODE_PATH is not set: downloading VS Code (needs network access)');
let code;
try {
  code = await runTests({
    vscodeExecutablePath,
    version,
    cachePath: path.join(OUTPUT_DIR, 'vscode-test'), // only used for a download
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    launchArgs: [
      workspace,
      '--disable-extensions', // other installed extensions; the one under test still loads
      `--user-data-dir=${path.join(profile, 'user-data')}`,
      `--extensions-dir=${path.join(profile, 'extensions')}`,
    ],
    extensionTestsEnv: { OGI_E2E_OUTPUT: OUTPUT_DIR, ...(grep ? { OGI_E2E_GREP: grep } : {}) },
  });
} catch (e) {
  if (e instanceof TestRunFailedError) {
    code = e.code || 1; // tests failed, or VS Code exited abnormally
  } else if (!vscodeExecutablePath) {
    console.error(`[electron] could not download VS Code${version ? ` ${version}` : ''}: ${e && e.message || e}`);
    console.error('[electron] VSCODE_PATH is needed here: set it to a VS Code executable, e.g.');
    console.error('[electron]   VSCODE_PATH=/usr/share/code/code xvfb-run -a node scripts/test-electron.mjs');
    code = 3;
  } else {
    console.error(`[electron] could not run VS Code at ${vscodeExecutablePath}: ${e && e.stack || e}`);
    code = 3;
  }
} finally {
  removeWorkspace(workspace);
  fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
}
console.log(`[electron] ${code === 0 ? 'PASSED' : `FAILED (exit ${code})`}`);
process.exit(code);
