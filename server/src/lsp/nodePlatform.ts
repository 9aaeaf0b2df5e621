/**
 * The language server under Node: `--stdio` (diagnostics bytes written as they are) or Node IPC,
 * the checker on a thread of its own, files from disk.
 */
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { readOptional } from '../workspace/checkFile';
import { findFiles } from '../workspace/files';
import { WorkspacePortMap } from '../workspace/workspacePortMap';
import { Checker } from './checks/checker';
import { RAW_AWARE_ENCODER } from './lspRawJson';
import { useServerPlatform } from './platform';

const overStdio = process.argv.includes('--stdio');
const connection = overStdio
  ? createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout, { contentTypeEncoder: RAW_AWARE_ENCODER }))
  : createConnection(ProposedFeatures.all);
if (overStdio) {
  // What the library does for the streams it opens itself: the end of the client's input ends the
  // server, with 0 only after a shutdown request (LSP's exit codes).
  let shutdownRequested = false;
  connection.onShutdown(() => {
    shutdownRequested = true;
  });
  for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(shutdownRequested ? 0 : 1));
  // Standard output carries the protocol: anything logged goes to the client's log instead.
  console.log = console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
}
const portMap = new WorkspacePortMap();

useServerPlatform({
  connection,
  writesRawDiagnostics: overStdio,
  newChecker: (_params, onStopped) => new Checker(undefined, onStopped),
  // The checker thread reads them from disk itself.
  readBeside: async () => undefined,
  readFile: async (path) => readOptional(path),
  workspaceFiles: async (folders) => findFiles(folders).files,
  portMap: (folders, open, settings, analyzeFile) => portMap.build(folders, open, settings, analyzeFile),
});
