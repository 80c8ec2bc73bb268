-- Drives the language server from a real Neovim (headless, no user config), as a Neovim user runs it:
-- vim.lsp.start_client with `node dist/server.js --stdio`, attached to a .txt buffer (filetype "text").
-- Everything goes through Neovim's own LSP client: its position conversion (bytes ↔ UTF-16), its
-- application of workspace edits, its didChange. Writes what it saw as JSON to OGI_OUT.
--   nvim --headless -u NONE -i NONE -c 'luafile test/editors/neovim.lua'   (env: OGI_SERVER, OGI_REPORT, OGI_OUT, OGI_CODE,
--   and OGI_SETTINGS, the ogiReport settings as JSON)
local server, report, out_path, code = os.getenv('OGI_SERVER'), os.getenv('OGI_REPORT'), os.getenv('OGI_OUT'), os.getenv('OGI_CODE')
-- The user's settings, as an init.lua gives them.
local settings = os.getenv('OGI_SETTINGS') and vim.fn.json_decode(os.getenv('OGI_SETTINGS')) or nil
local result = { steps = {} }
local function step(name, value) table.insert(result.steps, name); result[name] = value end
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out_path)
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(report))
  local buf = vim.api.nvim_get_current_buf()
  step('filetype', vim.bo[buf].filetype)
  local id = vim.lsp.start_client({
    name = 'ogi-report',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(report, ':h'),
    settings = settings and { ogiReport = settings } or nil,
    -- Neovim 0.7 neither announces workspace/configuration nor sends the settings itself: as nvim-lspconfig
    -- does, they go to the server once it is up.
    on_init = function(client) if settings then client.notify('workspace/didChangeConfiguration', { settings = client.config.settings }) end end,
  })
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)

  -- vim.diagnostic columns are bytes; LSP positions are UTF-16 code units.
  local function lsp_pos(lnum, col)
    local line = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1] or ''
    local _, u16 = vim.str_utfindex(line, math.min(col, #line))
    return { line = lnum, character = u16 }
  end
  local function diagnostics()
    return vim.tbl_map(function(d)
      return { code = d.code, severity = d.severity, message = d.message, range = { start = lsp_pos(d.lnum, d.col), ['end'] = lsp_pos(d.end_lnum, d.end_col) } }
    end, vim.diagnostic.get(buf))
  end
  local function with_code(c)
    for _, d in ipairs(diagnostics()) do if d.code == c then return d end end
  end

  step('published', vim.wait(20000, function() return with_code(code) ~= nil end, 50))
  step('encoding', client.offset_encoding)
  step('diagnostics', diagnostics())
  local target = with_code(code)
  local doc = vim.lsp.util.make_text_document_params(buf)

  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = doc, position = target.range.start }, 10000)
  local contents = hover and hover[id] and hover[id].result and hover[id].result.contents
  step('hover', contents and (contents.value or contents) or vim.NIL)

  local symbols = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', { textDocument = doc }, 10000)
  step('symbols', vim.tbl_map(function(s) return s.name end, (symbols and symbols[id] and symbols[id].result) or {}))

  local answer = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', { textDocument = doc, range = target.range, context = { diagnostics = { target }, only = { 'quickfix' } } }, 10000)
  local actions = (answer and answer[id] and answer[id].result) or {}
  step('actions', vim.tbl_map(function(a) return { title = a.title, kind = a.kind or vim.NIL, edit = a.edit ~= nil } end, actions))
  local fix = actions[1]
  if fix and not fix.edit then
    local resolved = vim.lsp.buf_request_sync(buf, 'codeAction/resolve', fix, 10000)
    fix = resolved and resolved[id] and resolved[id].result or fix
  end
  -- Applied by Neovim itself, in the encoding it negotiated; the change goes back to the server as didChange.
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  step('edited', target.range.start.line)
  step('line', vim.api.nvim_buf_get_lines(buf, target.range.start.line, target.range.start.line + 1, false)[1])
  step('cleared', vim.wait(20000, function() return with_code(code) == nil end, 50))
  step('after', diagnostics())
  -- Format Document (pipe tables aligned to display width), its edits applied by Neovim.
  local t0 = vim.loop.hrtime()
  vim.lsp.buf.formatting_sync(nil, 10000)
  step('formatSeconds', (vim.loop.hrtime() - t0) / 1e9)
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n')
  step('formatted', vim.bo[buf].eol and text .. '\n' or text)
  -- Rewrite table 三 as a Markdown table (refactor.rewrite), applied by Neovim.
  local row = vim.fn.search('本年新收', 'nw') - 1
  local rewrites = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', { textDocument = doc, range = { start = { line = row, character = 0 }, ['end'] = { line = row, character = 0 } }, context = { diagnostics = {}, only = { 'refactor.rewrite' } } }, 10000)
  for _, a in ipairs((rewrites and rewrites[id] and rewrites[id].result) or {}) do
    if a.title:lower():find('markdown') and a.edit then
      local t0 = vim.loop.hrtime()
      vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding)
      step('reshapeSeconds', (vim.loop.hrtime() - t0) / 1e9)
      break
    end
  end
  local text2 = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n')
  step('reshaped', vim.bo[buf].eol and text2 .. '\n' or text2)
  vim.lsp.stop_client(id)
end)
if not ok then result.error = tostring(err) end
finish()
