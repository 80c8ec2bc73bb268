// What the client declared it supports, read once from `initialize`. The server answers in these terms
// only: markdown hovers to clients that render markdown, versioned edits to clients that take them, a
// dynamic registration only where the client allows one.
import { type ClientCapabilities, MarkupKind } from 'vscode-languageserver';

export interface ClientSupport {
  /** hover.contentFormat: the first of markdown / plaintext the client lists; plaintext when it lists neither. */
  hoverKind: MarkupKind;
  snippets: boolean;
  /** workspace/configuration: settings are pulled per document. */
  configurationPull: boolean;
  /** workspace/didChangeConfiguration may be registered dynamically. */
  configurationRegistration: boolean;
  /** WorkspaceEdit.documentChanges: edits carry the document version. */
  versionedEdits: boolean;
  /** codeAction/resolve can fill in an action's edit later. */
  resolveEdit: boolean;
  hierarchicalSymbols: boolean;
  relatedInformation: boolean;
  /** textDocument/inlayHint: the provider is declared only to clients that have it. */
  inlayHints: boolean;
  /** workspace/inlayHint/refresh: hints are asked for again when a setting changes. */
  inlayHintRefresh: boolean;
  /** window/workDoneProgress: the server may create progress (checking the folder). */
  workDoneProgress: boolean;
}

export function clientSupport(c: ClientCapabilities | undefined): ClientSupport {
  const td = c?.textDocument;
  const formats = td?.hover?.contentFormat ?? [];
  const hoverKind = formats.find((f) => f === MarkupKind.Markdown || f === MarkupKind.PlainText) ?? MarkupKind.PlainText;
  return {
    hoverKind,
    snippets: !!td?.completion?.completionItem?.snippetSupport,
    configurationPull: !!c?.workspace?.configuration,
    configurationRegistration: !!c?.workspace?.didChangeConfiguration?.dynamicRegistration,
    versionedEdits: !!c?.workspace?.workspaceEdit?.documentChanges,
    resolveEdit: !!td?.codeAction?.resolveSupport?.properties?.includes('edit') && !!td?.codeAction?.dataSupport,
    hierarchicalSymbols: !!td?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    relatedInformation: !!td?.publishDiagnostics?.relatedInformation,
    inlayHints: !!td?.inlayHint,
    inlayHintRefresh: !!c?.workspace?.inlayHint?.refreshSupport,
    workDoneProgress: !!c?.window?.workDoneProgress,
  };
}
