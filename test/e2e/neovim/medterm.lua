-- Headless Neovim (0.7+) as a real LSP client of MedTerm. Driven by test/e2e/neovim.e2e.test.ts:
-- opens MEDTERM_FILE, attaches the server, waits for diagnostics, asks for a hover and a completion,
-- writes what it got to MEDTERM_OUT as JSON, and quits.
local server = os.getenv('MEDTERM_SERVER')
local file = os.getenv('MEDTERM_FILE')
local out = os.getenv('MEDTERM_OUT')
local hover_line, hover_character = tonumber(os.getenv('MEDTERM_HOVER_LINE')), tonumber(os.getenv('MEDTERM_HOVER_CHARACTER'))
local complete_line, complete_character = tonumber(os.getenv('MEDTERM_COMPLETE_LINE')), tonumber(os.getenv('MEDTERM_COMPLETE_CHARACTER'))

local function finish(result)
  local handle = io.open(out, 'w')
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()

-- The configuration users copy (see README, "In other editors").
local client_id = vim.lsp.start_client({
  name = 'medterm',
  cmd = { 'node', '--max-semi-space-size=4', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  init_options = { locale = 'zh-cn' },
  settings = { medterm = { locale = 'zh-cn' } },
})
vim.lsp.buf_attach_client(bufnr, client_id)

local arrived = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(diagnostics, { line = d.lnum, message = d.message, source = d.source, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) })
end

local uri = vim.uri_from_bufnr(bufnr)
local function first_result(responses)
  for _, response in pairs(responses or {}) do
    if response.result then return response.result end
  end
  return vim.NIL
end
local hover = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = hover_line, character = hover_character } }, 10000))
local completion = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = complete_line, character = complete_character } }, 10000))
local items = {}
if completion ~= vim.NIL then
  for _, item in ipairs(completion.items or completion) do
    table.insert(items, { label = item.label, newText = item.textEdit and item.textEdit.newText, range = item.textEdit and item.textEdit.range })
  end
end
finish({ arrived = arrived, filetype = vim.bo[bufnr].filetype, diagnostics = diagnostics, hover = hover ~= vim.NIL and hover.contents.value or vim.NIL, completion = items })
