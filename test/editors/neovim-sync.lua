-- Incremental sync from a real Neovim: random edits (CJK, 𠮷, line breaks, deletions across them) made
-- with nvim_buf_set_text, which Neovim sends as incremental didChange in UTF-16 positions; then the
-- server's copy (ogiReport/documentState: its SHA-256) must be Neovim's own text. Writes JSON to OGI_OUT.
--   nvim --headless -u NONE -i NONE -c 'luafile test/editors/neovim-sync.lua'   (env: OGI_SERVER, OGI_REPORT, OGI_OUT, OGI_SEED, OGI_EDITS)
local server, report, out_path = os.getenv('OGI_SERVER'), os.getenv('OGI_REPORT'), os.getenv('OGI_OUT')
local seed, count = tonumber(os.getenv('OGI_SEED') or '1'), tonumber(os.getenv('OGI_EDITS') or '200')
local result = {}
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(report))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({ name = 'ogi-report', cmd = { 'node', server, '--stdio' }, root_dir = vim.fn.fnamemodify(report, ':h') })
  vim.lsp.buf_attach_client(buf, id)
  result.published = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)

  -- A small deterministic generator (the same edits for a seed on every machine).
  local state = seed
  local function rand(n) state = (state * 1103515245 + 12345) % 2147483648; return state % n end
  local pieces = { '𠮷', '中文', 'a', '\n', '12', '𠮷𠮷\n', '（一）', '\t', '' }
  local function point()
    local nlines = vim.api.nvim_buf_line_count(buf)
    local row = rand(nlines)
    local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, true)[1]
    local chars = vim.str_utfindex(line)
    return row, vim.str_byteindex(line, rand(chars + 1))
  end
  for k = 1, count do
    local row, col = point()
    if rand(3) == 0 then
      -- A deletion from here to a later point (possibly lines below, across line breaks and 𠮷).
      local row2, col2 = point()
      if row2 < row or (row2 == row and col2 < col) then row, col, row2, col2 = row2, col2, row, col end
      if row2 - row > 3 then row2, col2 = row, col end
      vim.api.nvim_buf_set_text(buf, row, col, row2, col2, { '' })
    else
      vim.api.nvim_buf_set_text(buf, row, col, row, col, vim.split(pieces[rand(#pieces) + 1], '\n', true))
    end
    -- Some edits land in one debounced batch, some alone.
    if k % 17 == 0 then vim.wait(200) end
  end
  result.edits = count
  local function full_text()
    local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n')
    if vim.bo[buf].eol then text = text .. '\n' end
    return text
  end
  local client_hash = vim.fn.sha256(full_text())
  local state_of = function()
    local r = vim.lsp.buf_request_sync(buf, 'ogiReport/documentState', { uri = vim.uri_from_bufnr(buf) }, 5000)
    return r and r[id] and r[id].result
  end
  -- After the last debounced batch has gone out (150 ms), the server's copy is the buffer's.
  result.equal = vim.wait(10000, function() local s = state_of(); return s ~= nil and s.sha256 == client_hash end, 100)
  local s = state_of()
  result.server = s and s.sha256 or vim.NIL
  result.inSync = s and s.inSync or vim.NIL
  result.client = client_hash
  vim.lsp.stop_client(id)
end)
if not ok then result.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(result) }, out_path)
vim.cmd('qa!')
