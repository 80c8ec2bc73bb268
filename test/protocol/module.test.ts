// The shared protocol module: plain constants and types (importable by client, server, tests and a
// webview alike), and in agreement with package.json, which cannot import it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Shape } from '../../server/src/core/cells.js';
import { CONFIGURATION_SECTION, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, LANGUAGE_ID, type TemplateShape } from '../../server/src/protocol.js';

// The protocol spells the engine's table shapes without importing the engine; tsc keeps the two equal.
const sameShapes: [Shape] extends [TemplateShape] ? ([TemplateShape] extends [Shape] ? true : never) : never = true;
import { ROOT } from './client.js';

const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8'));

describe('protocol module', () => {
  it('imports nothing', () => {
    assert.equal(sameShapes, true);
    const src = readFileSync(`${ROOT}/server/src/protocol.ts`, 'utf8');
    assert.doesNotMatch(src, /^\s*import\b|\brequire\(/m);
  });

  it('agrees with package.json: language id, settings section, activation', () => {
    assert.equal(pkg.contributes.languages[0].id, LANGUAGE_ID);
    assert.ok(pkg.activationEvents.includes(`onLanguage:${LANGUAGE_ID}`));
    assert.deepEqual(pkg.contributes.grammars.map((g: { language: string }) => g.language), [LANGUAGE_ID]);
    for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(key.startsWith(`${CONFIGURATION_SECTION}.`), key);
    assert.ok(FIX_ALL_KIND.startsWith('source.fixAll.'));
    assert.equal(DIAGNOSTIC_SOURCE, LANGUAGE_ID);
  });

  it('is the only place the client and the server spell the custom request names and the fix-all kind', () => {
    const files = ['client/src/extension.ts', 'server/src/lsp/server.ts', 'server/src/lsp/features.ts'];
    for (const f of files) {
      const src = readFileSync(`${ROOT}/${f}`, 'utf8');
      assert.doesNotMatch(src, /'ogiReport\/|source\.fixAll\.|'ogi-report'\s*[,;)]/, f);
    }
  });
});
