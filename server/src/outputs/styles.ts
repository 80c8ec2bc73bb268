// The tables' CSS, one copy for the VS Code preview and the review page. Colours come from VS Code's
// theme variables (--vscode-…) through --ogi-… variables with light fallbacks; the review page overrides
// the fallbacks for dark schemes. Marks never rely on colour alone (border style, weight, the → value),
// so they read in high contrast too.
export const TABLE_CSS = `
:root {
  --ogi-fg: var(--vscode-editor-foreground, #1f1f1f);
  --ogi-bg: var(--vscode-editor-background, #ffffff);
  --ogi-border: var(--vscode-contrastBorder, var(--vscode-editorWidget-border, #c8c8c8));
  --ogi-head-bg: var(--vscode-editorWidget-background, #f3f3f3);
  --ogi-muted: var(--vscode-descriptionForeground, #616161);
  --ogi-error: var(--vscode-editorError-foreground, #c4314b);
  --ogi-error-bg: var(--vscode-inputValidation-errorBackground, #fde7ea);
  --ogi-warning: var(--vscode-editorWarning-foreground, #9a6700);
  --ogi-warning-bg: var(--vscode-inputValidation-warningBackground, #fff4ce);
  --ogi-involved-bg: var(--vscode-editor-findMatchHighlightBackground, #fff8e1);
  --ogi-ok: var(--vscode-testing-iconPassed, #1a7f37);
  --ogi-focus: var(--vscode-focusBorder, #005fb8);
}
.ogi-table { margin: 1em 0 1.5em; color: var(--ogi-fg); }
.ogi-table-title { font-size: 1.1em; margin: 0 0 .4em; }
.ogi-format { font-weight: normal; font-size: .85em; color: var(--ogi-muted); }
.ogi-grid { border-collapse: collapse; margin: 0 0 .8em; font-variant-numeric: tabular-nums; }
.ogi-grid caption { text-align: left; font-weight: bold; padding: .2em 0; }
.ogi-grid th, .ogi-grid td { border: 1px solid var(--ogi-border); padding: .2em .45em; vertical-align: middle; }
.ogi-grid thead th, .ogi-row-group { background: var(--ogi-head-bg); font-weight: normal; text-align: center; }
.ogi-col { white-space: nowrap; }
.ogi-row-label { text-align: left; font-weight: normal; background: var(--ogi-head-bg); min-width: 8em; }
.ogi-label-note { text-decoration: underline dotted var(--ogi-warning); }
.ogi-cell { text-align: right; min-width: 2.5em; white-space: nowrap; }
.ogi-blank, .ogi-placeholder, .ogi-text { color: var(--ogi-muted); }
.ogi-missing { background: repeating-linear-gradient(45deg, transparent 0 4px, var(--ogi-head-bg) 4px 8px); }
.ogi-row-missing .ogi-row-label { font-style: italic; color: var(--ogi-muted); }
.ogi-mark-involved { background: var(--ogi-involved-bg); outline: 1px dashed var(--ogi-warning); outline-offset: -2px; }
.ogi-mark-warning { background: var(--ogi-warning-bg); outline: 1px dotted var(--ogi-warning); outline-offset: -2px; }
.ogi-mark-error, .ogi-mark-total { background: var(--ogi-error-bg); outline: 2px solid var(--ogi-error); outline-offset: -2px; }
.ogi-mark-culprit { background: var(--ogi-error-bg); outline: 3px double var(--ogi-error); outline-offset: -3px; font-weight: bold; }
.ogi-found { text-decoration: line-through; }
.ogi-arrow { color: var(--ogi-muted); }
.ogi-expected { color: var(--ogi-error); font-weight: bold; }
.ogi-cell[data-line], .ogi-row-label[data-line] { cursor: pointer; }
.ogi-cell[data-line]:focus, .ogi-cell[data-line]:hover { outline: 2px solid var(--ogi-focus); outline-offset: -2px; }
`;
