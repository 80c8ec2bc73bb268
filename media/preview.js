// The table preview's only script (loaded with the page's nonce). It never evaluates document text: the
// tables arrive as HTML built and escaped by the server's renderer, and this script only reads the
// data-line / data-character attributes and posts positions back.
// Messages from the extension:  { type: 'update', html }  replace the tables (live preview)
//                                { type: 'focus', line }   mark and scroll to the table holding `line`
// Messages to the extension:    { type: 'reveal', line, character, endLine, endCharacter }
(function () {
  const vscode = acquireVsCodeApi();
  const main = document.getElementById('ogi-tables');

  function positionOf(el) {
    const n = (k) => Number(el.getAttribute(k));
    return { line: n('data-line'), character: n('data-character'), endLine: n('data-end-line'), endCharacter: n('data-end-character') };
  }

  function focusable() {
    for (const el of main.querySelectorAll('.ogi-cell[data-line], .ogi-row-label[data-line]')) {
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
    }
  }

  function reveal(el) {
    vscode.postMessage({ type: 'reveal', ...positionOf(el) });
  }

  main.addEventListener('click', (e) => {
    const el = e.target instanceof Element ? e.target.closest('[data-line]') : null;
    if (el && main.contains(el)) reveal(el);
  });
  main.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = e.target instanceof Element ? e.target.closest('[data-line]') : null;
    if (el) {
      e.preventDefault();
      reveal(el);
    }
  });

  function focusLine(line) {
    let best = null;
    for (const t of main.querySelectorAll('.ogi-table[data-line]')) {
      t.classList.remove('ogi-current');
      const first = Number(t.getAttribute('data-line'));
      const last = Number(t.getAttribute('data-last-line'));
      if (first <= line && line <= last) best = t;
    }
    if (best) {
      best.classList.add('ogi-current');
      // The cursor's own cell when the line holds one (a table is often taller than the view), else the table.
      const cell = best.querySelector(`.ogi-cell[data-line="${line}"]`);
      (cell || best).scrollIntoView({ block: 'nearest' });
    }
  }

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'update' && typeof m.html === 'string') {
      // Built by the extension's renderer, where every piece of document text is escaped.
      main.innerHTML = m.html;
      focusable();
      vscode.setState({ html: m.html });
    } else if (m.type === 'focus' && typeof m.line === 'number') focusLine(m.line);
  });

  const state = vscode.getState();
  if (state && typeof state.html === 'string' && main.childElementCount === 0) main.innerHTML = state.html;
  focusable();
})();
