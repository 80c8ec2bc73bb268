#!/usr/bin/env node
// Runs VS Code extension-host tests inside a real VS Code (code-server, from npm) driven by
// Debian's headless Chromium through playwright-core.
//
//   node run-extension-tests.mjs --extension <absPath> --tests <absPathToCompiledTestIndexJs>
//        [--workspace <folder|file.code-workspace>] [--screenshots <dir>] [--timeout 300]
//        [--logs <dir>] [--keep-temp] [--verbose] [--browser-log errors|all|none] [--locale en]
//
// Exit code: the extension host's exit code (0 = all tests passed), or
//   124 timeout, 2 usage error, 3 harness/infrastructure error, 129/130/143 SIGHUP/SIGINT/SIGTERM.
//
// Tests talk to the runner through harness-client.cjs (screenshot, textContent, waitForText, click).
//
// Programmatic use: `import { runExtensionTests } from './run-extension-tests.mjs'` resolves
// with the same exit code (it never calls process.exit itself).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';

const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url));
const CODE_SERVER_ENTRY = path.join(HARNESS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const HARNESS_CLIENT = path.join(HARNESS_DIR, 'harness-client.cjs');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage',
  '--disable-default-apps', '--disable-extensions', '--mute-audio', '--password-store=basic',
];
const VIEWPORT = { width: 1400, height: 900 };

export const EXIT = { TIMEOUT: 124, USAGE: 2, INFRA: 3, SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

// Settings written into the fresh user-data-dir (code-server keeps user settings server-side).
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
};

// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { timeout: 300, keepTemp: false, verbose: false, browserLog: 'errors' };
  const need = (i, flag) => {
    if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--extension': opts.extension = need(i, a); i++; break;
      case '--tests': opts.tests = need(i, a); i++; break;
      case '--workspace': opts.workspace = need(i, a); i++; break;
      case '--screenshots': opts.screenshots = need(i, a); i++; break;
      case '--timeout': opts.timeout = Number(need(i, a)); i++; break;
      case '--chromium': opts.chromium = need(i, a); i++; break;
      case '--locale': opts.locale = need(i, a); i++; break;
      case '--browser-log': opts.browserLog = need(i, a); i++; break;
      case '--logs': opts.logs = need(i, a); i++; break;
      case '--keep-temp': opts.keepTemp = true; break;
      case '--verbose': opts.verbose = true; break;
      case '-h': case '--help': opts.help = true; break;
      default: throw new UsageError(`unknown argument: ${a}`);
    }
  }
  return opts;
}

class UsageError extends Error {}

const USAGE = `usage: node run-extension-tests.mjs --extension <absPath> --tests <absPathToCompiledTestIndexJs>
         [--workspace <folder|file.code-workspace>] [--screenshots <dir>] [--timeout <seconds, default 300>]
         [--chromium <path, default /usr/bin/chromium>] [--browser-log errors|all|none] [--locale <VS Code locale, default en>]
         [--logs <dir: copy code-server/VS Code logs there>] [--keep-temp] [--verbose]`;

function validate(opts) {
  if (!opts.extension || !opts.tests) throw new UsageError('--extension and --tests are required');
  for (const k of ['extension', 'tests', 'workspace']) {
    if (opts[k]) opts[k] = path.resolve(opts[k]); // relative paths are taken from the cwd
    if (opts[k] && !fs.existsSync(opts[k])) throw new UsageError(`--${k} does not exist: ${opts[k]}`);
  }
  if (!fs.existsSync(path.join(opts.extension, 'package.json'))) throw new UsageError(`no package.json in ${opts.extension}`);
  if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) throw new UsageError('--timeout must be a positive number of seconds');
  if (!['all', 'errors', 'none'].includes(opts.browserLog)) throw new UsageError('--browser-log must be all, errors or none');
  if (!fs.existsSync(CODE_SERVER_ENTRY)) throw new UsageError(`code-server is not installed (${CODE_SERVER_ENTRY}); run test/e2e/harness/install.sh`);
}

const log = (...a) => console.log('[harness]', ...a);
const sleep = ms => new Promise(r => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** vscode-remote://<authority>/<abs path>, each path segment percent-encoded. */
function remoteUri(authority, absPath) {
  const p = path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/');
  return `vscode-remote://${authority}${p}`;
}

function isAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

/** PIDs of all processes whose environment carries our run marker (catches setsid'd children). */
function pidsWithMarker(marker) {
  const out = [];
  let entries = [];
  try { entries = fs.readdirSync('/proc'); } catch { return out; }
  for (const e of entries) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${e}/environ`, 'latin1').includes(marker)) out.push(Number(e));
    } catch { /* gone or not ours */ }
  }
  return out;
}

/** Render a browser console message the way DevTools would (printf-style %s/%d/%o, %c dropped). */
async function formatConsole(msg) {
  let args;
  try {
    args = await Promise.all(msg.args().map(a => a.jsonValue().catch(() => undefined)));
  } catch { args = null; }
  if (!args || !args.length || typeof args[0] !== 'string') return msg.text();
  const show = v => (typeof v === 'string' ? v : v === undefined ? 'undefined' : JSON.stringify(v));
  const [fmt, ...rest] = args;
  const head = fmt.replace(/%[csdifoO%]/g, m => {
    if (m === '%%') return '%';
    if (!rest.length) return m;
    const v = rest.shift();
    return m === '%c' ? '' : show(v);
  });
  return [head, ...rest.map(show)].join(' ').trim();
}

// Workbench (renderer) log lines that codeAutomationLog also carries; hidden unless --verbose.
const WORKBENCH_NOISE = [
  /^Resolving connection token /, /^Resolved connection token /, /^Creating a socket \(renderer-/,
  /^Ignoring fetching additional builtin extensions from gallery/, /^Updating additional builtin extensions cache/,
  /^\[Service Worker\] /, /^ChatSessionStore: /, /^Creation of workbench contribution '.*' took \d+ms\.$/,
];

// Browser-console noise that is expected with no network and no Microsoft-only bits.
const BROWSER_NOISE = [/vsda/, /Failed to load resource: the server responded with a status of 404/];

function cleanEnv(extra) {
  const env = { ...process.env };
  // Never let code-server think it runs inside another VS Code / code-server (it would forward
  // to that instance instead of starting), nor pick up auth/port settings from the environment.
  for (const k of Object.keys(env)) {
    if (/^(VSCODE_|CODE_SERVER_|ELECTRON_)/.test(k)) delete env[k];
  }
  for (const k of ['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN', 'CS_DISABLE_FILE_DOWNLOADS']) delete env[k];
  return { ...env, ...extra };
}

// ---------------------------------------------------------------------------------------------

export async function runExtensionTests(options) {
  const opts = { timeout: 300, keepTemp: false, verbose: false, browserLog: 'errors', ...options };
  validate(opts);

  const t0 = Date.now();
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const runId = `ogi-harness-${process.pid}-${randomBytes(6).toString('hex')}`;
  const marker = `OGI_HARNESS_RUN_ID=${runId}`;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogi-vscode-test-'));
  const dirs = {
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    xdgData: path.join(runDir, 'xdg', 'data'),
    xdgConfig: path.join(runDir, 'xdg', 'config'),
    xdgCache: path.join(runDir, 'xdg', 'cache'),
    browserProfile: path.join(runDir, 'chromium-profile'),
    // TMPDIR for code-server, the extension host and chromium: they leave vscode-ipc-*.sock,
    // vscode-typescript*/ and org.chromium.Chromium.*/ behind in the system temp dir otherwise
    tmp: path.join(runDir, 'tmp'),
    logs: path.join(runDir, 'logs'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const screenshotDir = opts.screenshots ? path.resolve(opts.screenshots) : null;
  if (screenshotDir) fs.mkdirSync(screenshotDir, { recursive: true });
  let workspace = opts.workspace;
  if (!workspace) {
    workspace = path.join(runDir, 'workspace');
    fs.mkdirSync(workspace);
  }

  let server;            // code-server child process (leader of its own process group)
  let serverExited = null;
  let context;           // playwright persistent browser context
  let page;
  let control;           // loopback control server (screenshots)
  let finished = false;
  let settle;            // resolves the run with an exit code
  const done = new Promise(r => { settle = r; });
  const finish = (code, why) => {
    if (finished) return;
    finished = true;
    if (why) log(why);
    settle(code);
  };
  const serverLog = fs.createWriteStream(path.join(dirs.logs, 'code-server.log'));
  const recentErrors = [];
  const rememberError = t => { recentErrors.push(t.trim()); if (recentErrors.length > 50) recentErrors.shift(); };
  const seenError = t => recentErrors.some(e => t.includes(e));

  const onSignal = sig => finish(EXIT[sig], `received ${sig}, stopping`);
  const onExitHook = () => {             // last resort if the process exits without cleanup
    if (server && server.exitCode === null) { try { process.kill(-server.pid, 'SIGKILL'); } catch { } }
    for (const pid of pidsWithMarker(marker)) { try { process.kill(pid, 'SIGKILL'); } catch { } }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('exit', onExitHook);

  const timer = setTimeout(() => finish(EXIT.TIMEOUT,
    `ERROR: TIMEOUT - the extension tests did not report an exit code within ${opts.timeout}s ` +
    `(codeAutomationExit was never called). Use --logs <dir> or --keep-temp to keep the VS Code logs.`), opts.timeout * 1000);

  const takeScreenshot = async (name, o = {}) => {
    if (!screenshotDir) return null;
    if (!page) throw new Error('no page yet');
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`bad screenshot name: ${name}`);
    const file = path.join(screenshotDir, `${name}.png`);
    const timeout = o.timeoutMs ?? 15000;
    if (o.waitForSelector) await page.waitForSelector(o.waitForSelector, { state: 'visible', timeout });
    // let the workbench finish its current layout/paint before shooting
    await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (o.selector) await page.locator(o.selector).first().screenshot({ path: file, timeout });
    else await page.screenshot({ path: file, fullPage: !!o.fullPage, timeout });
    log(`screenshot: ${file}`);
    return file;
  };

  // DOM reads for the tests (harness-client textContent/waitForText): they only read the page.
  const domTexts = (selector, attribute) => page.$$eval(selector, (els, attr) =>
    els.map(e => (attr ? e.getAttribute(attr) || '' : e.textContent || '')), attribute || null);
  const queryDom = async (o = {}) => {
    if (!page) throw new Error('no page yet');
    if (typeof o.selector !== 'string' || !o.selector) throw new Error('selector is required');
    const timeout = o.timeoutMs ?? 15000;
    if (o.waitForSelector) await page.waitForSelector(o.waitForSelector, { state: 'visible', timeout });
    // read after the workbench's pending layout/paint (e.g. a list re-rendered after a command)
    await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
    return domTexts(o.selector, o.attribute);
  };
  const waitForText = async (o = {}) => {
    if (!page) throw new Error('no page yet');
    const texts = (Array.isArray(o.texts) ? o.texts : [o.texts]).map(String);
    if (typeof o.selector !== 'string' || !o.selector) throw new Error('selector is required');
    const timeout = o.timeoutMs ?? 15000;
    try {
      // every text must occur in the joined text (textContent + aria-label) of the matching elements
      await page.waitForFunction(({ selector, texts }) => {
        const all = Array.from(document.querySelectorAll(selector))
          .map(e => `${e.textContent || ''}\n${e.getAttribute('aria-label') || ''}`).join('\n');
        return texts.every(t => all.includes(t));
      }, { selector: o.selector, texts }, { timeout, polling: 100 });
    } catch (e) {
      const now = await domTexts(o.selector).catch(() => []);
      const missing = texts.filter(t => !now.some(x => x.includes(t)));
      throw new Error(`waitForText(${o.selector}): not all of ${JSON.stringify(missing)} appeared within ${timeout}ms ` +
        `(${now.length} element(s) matched; text now: ${JSON.stringify(now.join(' | ').slice(0, 1500))}) [${e.message.split('\n')[0]}]`);
    }
    return domTexts(o.selector, o.attribute);
  };

  // start() brings everything up; it may still be awaiting (page.goto, browser launch...) when a
  // signal, the timeout or a crash settles `done`, so the run always races it against `done`.
  const start = async () => {
    // 1. control server (loopback, ephemeral port) used by harness-client.cjs inside the tests
    control = http.createServer((req, res) => {
      const reply = (status, obj) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(obj)); };
      const chunks = [];
      req.on('data', c => chunks.push(c));
      req.on('end', async () => {
        try {
          const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
          if (req.method === 'POST' && req.url === '/screenshot') {
            const file = await takeScreenshot(String(body.name || 'screenshot'), body);
            reply(200, file ? { path: file } : { path: null, disabled: true });
          } else if (req.method === 'POST' && req.url === '/dom') {
            reply(200, { texts: await queryDom(body) });
          } else if (req.method === 'POST' && req.url === '/click') {
            if (!page) throw new Error('no page yet');
            if (typeof body.selector !== 'string' || !body.selector) throw new Error('selector is required');
            await page.locator(body.selector).first().click({ timeout: body.timeoutMs ?? 15000 });
            reply(200, { clicked: true });
          } else if (req.method === 'POST' && req.url === '/waitForText') {
            reply(200, { texts: await waitForText(body) });
          } else {
            reply(404, { error: `unknown endpoint ${req.method} ${req.url}` });
          }
        } catch (e) {
          reply(500, { error: String(e && e.message || e) });
        }
      });
    });
    await new Promise((res, rej) => { control.once('error', rej); control.listen(0, '127.0.0.1', res); });
    const controlUrl = `http://127.0.0.1:${control.address().port}/`;

    if (finished) return;
    // 2. code-server
    const port = await freePort();
    if (finished) return;
    const authority = `127.0.0.1:${port}`;
    const configFile = path.join(runDir, 'code-server.yaml');
    fs.writeFileSync(configFile, `bind-addr: ${authority}\nauth: none\ncert: false\n`);
    const serverArgs = [
      CODE_SERVER_ENTRY,
      '--config', configFile,
      '--bind-addr', authority,
      '--auth', 'none',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--ignore-last-opened',
      '--locale', opts.locale || 'en',
    ];
    const env = cleanEnv({
      TMPDIR: dirs.tmp,
      XDG_DATA_HOME: dirs.xdgData,
      XDG_CONFIG_HOME: dirs.xdgConfig,
      XDG_CACHE_HOME: dirs.xdgCache,
      OGI_HARNESS_RUN_ID: runId,
      OGI_HARNESS_URL: controlUrl,
      OGI_HARNESS_CLIENT: HARNESS_CLIENT,
      OGI_HARNESS_SCREENSHOTS: screenshotDir || '',
      // no extension marketplace: nothing to reach here, and it only produces network errors
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
    });
    log(`code-server 127.0.0.1:${port}, run dir ${runDir}`);
    server = spawn(process.execPath, serverArgs, { cwd: runDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    server.on('exit', (code, sig) => {
      serverExited = { code, sig };
      if (!finished) finish(EXIT.INFRA, `ERROR: code-server exited unexpectedly (code ${code}, signal ${sig})`);
    });
    for (const stream of [server.stdout, server.stderr]) {
      stream.on('data', d => {
        serverLog.write(d);
        if (opts.verbose) for (const l of d.toString('utf8').split('\n')) if (l.trim()) console.log(`[code-server] ${l}`);
      });
    }

    // wait for /healthz
    const healthDeadline = Date.now() + 60000;
    for (;;) {
      if (finished) break;
      try {
        const r = await fetch(`http://${authority}/healthz`);
        if (r.ok) break;
      } catch { /* not up yet */ }
      if (Date.now() > healthDeadline) throw new Error('code-server did not answer /healthz within 60s');
      await sleep(100);
    }
    if (finished) return;
    log(`code-server is up after ${elapsed()}`);

    // 3. browser
    const { chromium } = await import('playwright-core');
    if (finished) return;
    const executablePath = opts.chromium || process.env.OGI_HARNESS_CHROMIUM || DEFAULT_CHROMIUM;
    context = await chromium.launchPersistentContext(dirs.browserProfile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: VIEWPORT,
      env: cleanEnv({ OGI_HARNESS_RUN_ID: runId, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache }),
      timeout: 60000,
      // we clean up ourselves; playwright's own handlers would process.exit() and leak code-server
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    if (finished) return; // cleanup() closes it
    context.on('close', () => { if (!finished) finish(EXIT.INFRA, 'ERROR: the browser closed unexpectedly'); });
    page = context.pages()[0] || await context.newPage();
    log(`browser ${context.browser()?.version?.() ?? ''} started after ${elapsed()}`.replace(/ +/g, ' '));

    // Test output arrives through codeAutomationLog (below). The browser console additionally
    // mirrors extension-host log lines; by default only its errors are forwarded.
    page.on('console', async msg => {
      const type = msg.type();
      if (opts.browserLog === 'none') return;
      if (opts.browserLog === 'errors' && type !== 'error') return;
      const text = await formatConsole(msg);
      if (opts.browserLog === 'errors' && BROWSER_NOISE.some(re => re.test(text))) return;
      if (type === 'error' && seenError(text)) return; // already printed via codeAutomationLog
      (type === 'error' || type === 'warning' ? console.error : console.log)(`[browser:${type}] ${text}`);
    });
    page.on('pageerror', err => console.error(`[browser:pageerror] ${err && err.stack || err}`));
    page.on('crash', () => finish(EXIT.INFRA, 'ERROR: the workbench page crashed'));
    if (opts.verbose) {
      page.on('requestfailed', r => console.error(`[browser:requestfailed] ${r.url()} ${r.failure()?.errorText}`));
    }

    // VS Code's workbench calls these when it is started in "extension test" mode.
    // Extension-host console output (the tests' own output) and workbench log lines arrive here.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (process.env.OGI_HARNESS_DEBUG_LOG) console.log('RAW', JSON.stringify([type, args]));
      const list = Array.isArray(args) ? args : [args];
      if (!opts.verbose && list.length === 1 && typeof list[0] === 'string' && WORKBENCH_NOISE.some(re => re.test(list[0]))) return;
      if (type === 'error' && typeof list[0] === 'string') rememberError(list[0]);
      (console[type] || console.log)(...list);
    });
    await page.exposeFunction('codeAutomationExit', async (code, logs) => {
      try {
        for (const l of Array.isArray(logs) ? logs : []) {
          const target = path.join(dirs.logs, 'vscode', path.normalize(String(l.relativePath)).replace(/^(\.\.(\/|\\|$))+/, ''));
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, String(l.contents));
        }
      } catch (e) { log(`could not save VS Code logs: ${e.message}`); }
      finish(Number.isInteger(code) ? code : EXIT.INFRA, `extension host exited with code ${code} after ${elapsed()}`);
    });

    const payload = [
      ['extensionDevelopmentPath', remoteUri(authority, opts.extension)],
      ['extensionTestsPath', remoteUri(authority, opts.tests)],
      ['enableProposedApi', ''],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const wsParam = /\.code-workspace$/.test(workspace) ? 'workspace' : 'folder';
    const url = `http://${authority}/?${wsParam}=${encodeURIComponent(remoteUri(authority, workspace))}` +
      `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    if (finished) return;
    if (opts.verbose) log(`opening ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    log(`workbench page loaded after ${elapsed()}`);
  };

  let exitCode;
  let startPromise;
  try {
    startPromise = start().catch(err => { if (!finished) finish(EXIT.INFRA, `ERROR: ${err && err.stack || err}`); });
    exitCode = await done;
  } finally {
    clearTimeout(timer);
    // final screenshot (passing, failing, or timed-out run) while the page is still there
    if (screenshotDir && page && !page.isClosed()) {
      const name = exitCode === 0 ? 'final' : exitCode === EXIT.TIMEOUT ? 'timeout' : 'final-failed';
      try { await takeScreenshot(name, { timeoutMs: 5000 }); } catch (e) { log(`final screenshot failed: ${e.message}`); }
    }
    await cleanup();
  }

  async function cleanup() {
    if (context) {
      try { await Promise.race([context.close(), sleep(10000)]); } catch { /* ignore */ }
    }
    if (control) control.close();
    if (server && serverExited === null) {
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
      const deadline = Date.now() + 5000;
      while (serverExited === null && Date.now() < deadline) await sleep(100);
    }
    if (server) { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* group empty */ } }
    // start() may still be inside an await (e.g. browser launch); let it settle, then close late arrivals
    const ctxBefore = context;
    await Promise.race([startPromise, sleep(15000)]);
    if (context && context !== ctxBefore) {
      try { await Promise.race([context.close(), sleep(10000)]); } catch { /* ignore */ }
    }
    // anything else that inherited our marker (children that left the process group)
    const leftovers = pidsWithMarker(marker);
    if (leftovers.length) {
      log(`killing ${leftovers.length} leftover process(es): ${leftovers.join(' ')}`);
      for (const pid of leftovers) { try { process.kill(pid, 'SIGKILL'); } catch { } }
      const deadline = Date.now() + 3000;
      while (leftovers.some(isAlive) && Date.now() < deadline) await sleep(50);
    }
    await new Promise(r => serverLog.end(r));
    // server-side VS Code logs (remote extension host, remote agent) live in the user-data-dir
    const serverSideLogs = path.join(dirs.userData, 'logs');
    if (fs.existsSync(serverSideLogs)) fs.cpSync(serverSideLogs, path.join(dirs.logs, 'server'), { recursive: true });
    if (opts.logs) {
      try {
        fs.cpSync(dirs.logs, path.resolve(opts.logs), { recursive: true });
        log(`logs copied to ${path.resolve(opts.logs)}`);
      } catch (e) { log(`could not copy logs: ${e.message}`); }
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('exit', onExitHook);
    if (opts.keepTemp || (exitCode !== 0 && opts.verbose)) {
      log(`kept run dir ${runDir} (logs in ${dirs.logs})`);
    } else {
      // a plain test failure (exit 1) is explained by the test output; infra errors and timeouts are not
      if (exitCode !== 0 && exitCode !== 1) printLogTail(dirs.logs);
      fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
    }
    log(`done in ${elapsed()}, exit code ${exitCode}`);
  }

  return exitCode;
}

function printLogTail(logDir) {
  // On failure without --keep-temp, show the end of the server and extension-host logs.
  const files = [];
  const walk = d => {
    for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/code-server\.log$|remoteexthost\.log$/i.test(p)) files.push(p);
    }
  };
  walk(logDir);
  for (const f of files) {
    const lines = fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).slice(-15);
    if (!lines.length) continue;
    console.error(`----- tail of ${path.relative(logDir, f)} -----`);
    for (const l of lines) console.error(l);
  }
}

// ---------------------------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    if (opts.help) { console.log(USAGE); process.exit(0); }
    validate(opts);
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(e instanceof UsageError ? EXIT.USAGE : EXIT.INFRA);
  }
  runExtensionTests(opts).then(code => process.exit(code), err => {
    console.error(`[harness] ERROR: ${err && err.stack || err}`);
    process.exit(EXIT.INFRA);
  });
}
