// The locale the server writes its messages in. The server takes it from initialize's `locale`, which
// vscode-languageclient fills with VS Code's display language; ours is Chinese by default whatever that
// language (most Chinese users run an English VS Code), so this feature puts the ogiReport.locale choice
// there, and restarts the server when the setting changes.
import * as vscode from 'vscode';
import type { FeatureState, LanguageClient, StaticFeature } from 'vscode-languageclient/node';
import { CONFIGURATION_SECTION } from '../../server/src/protocol.js';
import { effectiveLocale } from './l10n.js';

export function registerServerLocale(context: vscode.ExtensionContext, client: LanguageClient): void {
  const feature: StaticFeature = {
    fillInitializeParams: (params) => {
      params.locale = effectiveLocale();
    },
    fillClientCapabilities: () => undefined,
    initialize: () => undefined,
    getState: (): FeatureState => ({ kind: 'static' }),
    clear: () => undefined,
  };
  client.registerFeature(feature);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIGURATION_SECTION}.locale`) && client.isRunning()) void client.restart();
    }),
  );
}
