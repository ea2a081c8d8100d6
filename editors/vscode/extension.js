// Starts `pwy lsp` for .pwy files and connects VS Code to it (docs/editors.md).
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function serverCommand() {
  const settings = vscode.workspace.getConfiguration("pathwaylang");
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const expand = (word) => folder ? word.replace("${workspaceFolder}", folder.uri.fsPath) : word;
  const [command, ...before] = settings.get("command", ["pwy"]).map(expand);
  const after = settings.get("arguments", []).map(expand);
  return { command, args: [...before, "lsp", ...after], options: { cwd: folder ? folder.uri.fsPath : undefined } };
}

async function activate(context) {
  const run = serverCommand();
  client = new LanguageClient("pathwaylang", "pathwaylang (pwy lsp)", { run, debug: run }, {
    documentSelector: [{ scheme: "file", language: "pathway" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.pwy,pathwaylang.toml,pyproject.toml}") },
  });
  context.subscriptions.push(vscode.commands.registerCommand("pathwaylang.restart", () => client.restart()));
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
