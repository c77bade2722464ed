// The SGD extension: the language (grammar and configuration, declared in
// package.json) and a client of the sgdc language server, `sgdc lsp`.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration('sgd.server');
  const command = settings.get('path', 'sgdc');
  const args = ['lsp', ...settings.get('extraArguments', [])];
  const server = { command, args };
  client = new LanguageClient(
    'sgd',
    'SGD language server',
    { run: server, debug: server },
    { documentSelector: [{ scheme: 'file', language: 'sgd' }] }
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('sgd.restartServer', () => client.restart())
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
