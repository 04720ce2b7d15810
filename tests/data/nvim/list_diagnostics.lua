-- Run by tests/test_lsp_neovim.py in a headless Neovim: starts `wirefix lsp` for the
-- current buffer with the same configuration docs/editor.md gives (vim.lsp.start), waits
-- for the diagnostics and writes them as JSON to $WIREFIX_NVIM_OUT.
local out = os.getenv("WIREFIX_NVIM_OUT")
local config = {
  name = "wirefix",
  cmd = { os.getenv("WIREFIX_EXE"), "lsp" },
  root_dir = vim.fn.getcwd(),
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else -- Neovim 0.7 (Debian 12): the same config, started and attached by hand
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(0, client_id)
end
local want = tonumber(os.getenv("WIREFIX_NVIM_WANT"))
local ok = vim.wait(60000, function() return #vim.diagnostic.get(0) >= want end, 50)
local rows = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(rows, { lnum = d.lnum, col = d.col, code = d.code or lsp.code,
                       message = d.message, severity = d.severity, source = d.source })
end
local f = io.open(out, "w")
f:write(vim.fn.json_encode({ ok = ok, diagnostics = rows }))
f:close()
vim.lsp.stop_client(client_id)
vim.cmd("qa!")
