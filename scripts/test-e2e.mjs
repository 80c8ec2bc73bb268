#!/usr/bin/env node
// Extension-host tests in a real VS Code: code-server + headless Chromium (test/e2e/harness).
// Builds the extension (npm run build -> dist/), compiles test/e2e/suite to out/e2e/, opens a temp
// copy of samples/ as the workspace and runs the suite; screenshots go to .test-output/screenshots/.
//
//   bash test/e2e/harness/install.sh        # once per machine (apt packages, code-server, playwright-core)
//   node scripts/test-e2e.mjs [--no-build] [--grep <regexp>] [--timeout <s>] [--verbose] [--keep-temp]
//
// Exit code: 0 all tests passed, 1 tests failed, 124 timeout, 2 usage, 3 build/harness error,
// 129/130/143 stopped by a signal.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OUTPUT_DIR, ROOT, buildSuite, makeWorkspace, readTimings, removeWorkspace } from '../test/e2e/prepare.mjs';

const HARNESS = path.join(ROOT, 'test', 'e2e', 'harness');
const USAGE = 'usage: node scripts/test-e2e.mjs [--no-build] [--grep <regexp>] [--timeout <seconds, default 420>] [--verbose] [--keep-temp]';

function parseArgs(argv) {
  const o = { build: true, timeout: 420, verbose: false, keepTemp: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--no-build') o.build = false;
    else if (a === '--grep') o.grep = value();
    else if (a === '--timeout') o.timeout = Number(value());
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--keep-temp') o.keepTemp = true;
    else if (a === '-h' || a === '--help') o.help = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  return o;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const t0 = Date.now();
  const timings = {};

  if (!fs.existsSync(path.join(HARNESS, 'node_modules', 'code-server', 'out', 'node', 'entry.js'))) {
    console.error('[e2e] the code-server harness is not installed: run `bash test/e2e/harness/install.sh` first');
    return 3;
  }

  if (opts.build) {
    const t = Date.now();
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`[e2e] npm run build failed (${r.status ?? r.signal})`);
      return 3;
    }
    timings.build = Date.now() - t;
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const main = pkg.main && path.join(ROOT, pkg.main);
  if (!main || !fs.existsSync(main)) {
    console.error(`[e2e] the extension is not built: package.json main ${JSON.stringify(pkg.main)} does not exist (npm run build)`);
    return 3;
  }

  let t = Date.now();
  let tests;
  try {
    tests = await buildSuite();
  } catch (e) {
    console.error(`[e2e] compiling test/e2e/suite failed: ${e.message}`);
    return 3;
  }
  timings.compileSuite = Date.now() - t;

  const screenshots = path.join(OUTPUT_DIR, 'screenshots');
  fs.rmSync(screenshots, { recursive: true, force: true });
  fs.rmSync(path.join(OUTPUT_DIR, 'e2e-timings.json'), { force: true });
  const logs = path.join(OUTPUT_DIR, 'e2e-logs');
  fs.rmSync(logs, { recursive: true, force: true });

  const workspace = makeWorkspace();
  // read by the suite inside the extension host (code-server passes its environment on)
  process.env.OGI_E2E_OUTPUT = OUTPUT_DIR;
  if (opts.grep) process.env.OGI_E2E_GREP = opts.grep;
  else delete process.env.OGI_E2E_GREP;

  const { runExtensionTests } = await import(pathToFileURL(path.join(HARNESS, 'run-extension-tests.mjs')).href);
  let code;
  t = Date.now();
  try {
    code = await runExtensionTests({
      extension: ROOT,
      tests,
      workspace,
      screenshots,
      logs,
      timeout: opts.timeout,
      verbose: opts.verbose,
      keepTemp: opts.keepTemp,
    });
  } catch (e) {
    console.error(`[e2e] harness error: ${e && e.stack || e}`);
    code = 3;
  } finally {
    if (opts.keepTemp) console.log(`[e2e] kept workspace ${workspace}`);
    else removeWorkspace(workspace);
  }
  timings.run = Date.now() - t;
  timings.total = Date.now() - t0;

  const recorded = readTimings();
  if (recorded?.activation) {
    const a = recorded.activation;
    console.log(`[e2e] activation: first report opened -> ogi-report language ${a.openToOgiReportLanguageMs} ms, ` +
      `-> first diagnostics ${a.openToFirstDiagnosticsMs} ms` +
      (a.activateToServerReadyMs !== undefined ? `; activate() -> language server ready ${a.activateToServerReadyMs} ms` : '') +
      (recorded.vscodeActivationTimeMs !== undefined ? `; VS Code's Running Extensions: Activation ${recorded.vscodeActivationTimeMs} ms` : ''));
  }
  console.log(`[e2e] timings: ${Object.entries(timings).map(([k, v]) => `${k} ${seconds(v)}`).join(', ')}`);
  console.log(`[e2e] screenshots: ${path.relative(ROOT, screenshots)}/, VS Code logs: ${path.relative(ROOT, logs)}/`);
  console.log(`[e2e] ${code === 0 ? 'PASSED' : `FAILED (exit ${code})`}`);
  return code;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`[e2e] ${e && e.stack || e}`);
  process.exit(3);
});
