-- Headless Neovim with its built-in LSP client on dist/server.js --stdio: opens each file given in
-- DPS_FILES (path=filetype, separated by ;), waits for diagnostics, writes them as JSON to DPS_OUT.
local server = os.getenv('DPS_SERVER')
local out = os.getenv('DPS_OUT')
local results = {}

for entry in string.gmatch(os.getenv('DPS_FILES'), '([^;]+)') do
  local path, filetype = string.match(entry, '^(.*)=(.*)$')
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = filetype
  local client_id = vim.lsp.start_client({
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
  results[path] = { arrived = arrived, diagnostics = found }
end

local file = io.open(out, 'w')
file:write(vim.fn.json_encode(results))
file:close()
vim.cmd('qa!')
