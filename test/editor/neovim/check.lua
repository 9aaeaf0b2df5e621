-- Headless Neovim with its built-in LSP client on dist/server.js --stdio: opens each file given in
-- DPS_FILES (path=filetype, separated by ;), waits for diagnostics, writes them as JSON to DPS_OUT.
local server = os.getenv('DPS_SERVER')
local out = os.getenv('DPS_OUT')
local results = {}
local client_id

for entry in string.gmatch(os.getenv('DPS_FILES'), '([^;]+)') do
  local path, filetype = string.match(entry, '^(.*)=(.*)$')
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = filetype
  -- One client for every file, as an lspconfig setup gives: the files share a folder.
  client_id = client_id or vim.lsp.start_client({
    name = 'docker-port-safety',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(path, ':h'),
  })
  vim.lsp.buf_attach_client(buf, client_id)
  local arrived = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(found, { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), line = d.lnum, col = d.col, source = d.source, message = d.message })
  end
  -- Inlay hints: Neovim 0.7 draws none itself, but its client sends any request; over the whole buffer.
  local hints = {}
  local line_count = vim.api.nvim_buf_line_count(buf)
  local answers = vim.lsp.buf_request_sync(buf, 'textDocument/inlayHint', {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = 0, character = 0 }, ['end'] = { line = line_count, character = 0 } },
  }, 15000)
  for _, answer in pairs(answers or {}) do
    for _, hint in ipairs(answer.result or {}) do
      table.insert(hints, { line = hint.position.line, col = hint.position.character, label = hint.label })
    end
  end
  results[path] = { arrived = arrived, diagnostics = found, inlayHints = hints }
end

-- The README's port-map example, run as a reader would paste it, its printed lines kept.
local map_script = os.getenv('DPS_MAP_SCRIPT')
if map_script then
  local printed = {}
  local print_ = print
  print = function(line) table.insert(printed, line) end
  dofile(map_script)
  vim.wait(15000, function() return #printed > 0 end, 50)
  print = print_
  results.portMap = printed
end

local file = io.open(out, 'w')
file:write(vim.fn.json_encode(results))
file:close()
vim.cmd('qa!')
