// Helper for extension tests running under run-extension-tests.mjs (loaded inside the
// extension host: `require(process.env.OGI_HARNESS_CLIENT)`). It talks to the runner's
// loopback control server, whose URL the runner hands down as OGI_HARNESS_URL.
// Every call resolves to null when the tests are not running under the harness (e.g. under
// @vscode/test-electron), so a test can `this.skip()` the UI part there.
'use strict';
const http = require('http');

function available() {
  return !!process.env.OGI_HARNESS_URL;
}

function call(path, body, timeoutMs = 60000) {
  const base = process.env.OGI_HARNESS_URL;
  if (!base) return Promise.resolve(null); // not running under the harness
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body || {}));
    const req = http.request(new URL(path, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': data.length },
      timeout: timeoutMs,
    }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = { error: text }; }
        if (res.statusCode !== 200) reject(new Error(`harness ${path} failed (${res.statusCode}): ${json.error || text}`));
        else resolve(json);
      });
    });
    req.on('timeout', () => req.destroy(new Error(`harness ${path} timed out`)));
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * Ask the runner to take a screenshot of the workbench page.
 * @param {string} name file name without extension ([A-Za-z0-9._-])
 * @param {{waitForSelector?: string, selector?: string, fullPage?: boolean, timeoutMs?: number}} [options]
 *   waitForSelector: CSS selector that must be visible before the shot (e.g. '.markers-panel .monaco-list-row');
 *   selector: shoot only this element (e.g. '.part.panel'); otherwise the whole viewport.
 * @returns {Promise<{path: string} | null>} null when screenshots are disabled (no --screenshots) or not under the harness.
 */
async function screenshot(name, options = {}) {
  const res = await call('/screenshot', { name, ...options }, (options.timeoutMs ?? 15000) * 2 + 10000);
  return res && res.path ? res : null;
}

/**
 * textContent (or the value of `attribute`) of every element matching `selector` in the workbench page.
 * @param {string} selector CSS selector
 * @param {{attribute?: string, waitForSelector?: string, timeoutMs?: number}} [options]
 * @returns {Promise<string[] | null>} null when not under the harness
 */
async function textContent(selector, options = {}) {
  const res = await call('/dom', { selector, ...options }, (options.timeoutMs ?? 15000) + 10000);
  return res ? res.texts : null;
}

/**
 * Waits (polling inside the page) until every one of `texts` occurs in the textContent or aria-label
 * of the elements matching `selector`; rejects with the page's current text after `timeoutMs`.
 * @param {string} selector CSS selector
 * @param {string | string[]} texts
 * @param {{attribute?: string, timeoutMs?: number}} [options]
 * @returns {Promise<string[] | null>} the matching elements' texts at that moment; null when not under the harness
 */
async function waitForText(selector, texts, options = {}) {
  const res = await call('/waitForText', { selector, texts, ...options }, (options.timeoutMs ?? 15000) + 10000);
  return res ? res.texts : null;
}

/**
 * Clicks the first element matching `selector` (e.g. a view's header, to collapse it).
 * @param {string} selector CSS selector (Chromium: :has() works)
 * @param {{timeoutMs?: number}} [options]
 * @returns {Promise<boolean | null>} true once clicked; null when not under the harness
 */
async function click(selector, options = {}) {
  const res = await call('/click', { selector, ...options }, (options.timeoutMs ?? 15000) + 10000);
  return res ? true : null;
}

module.exports = { available, screenshot, textContent, waitForText, click, call };
