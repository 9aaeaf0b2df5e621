/**
 * When the extension starts its language server. Activation is cheap and starts nothing: the
 * server starts for the first open document it would read, for "Check Workspace", or when the
 * Published Ports view asks for the map. A document of a Docker-file kind (Dockerfile, Compose,
 * YAML, shell, Markdown, Quadlet, dev container) always counts; a source file (Python, scripts,
 * Go, Terraform, a Vagrantfile) counts only when it passes the cheap test the server and the CLI
 * apply (readers/sourceCode.ts), so opening an ordinary Python or JavaScript file starts nothing.
 * No VS Code import here: the decision is tested on its own (test/unit/serverDemand.test.ts).
 */
import { sourceCodeSurface } from '../../server/src/engine/readers/sourceCode';

/** What the decision sees of a document (a vscode.TextDocument is one). */
export interface OpenedDocument {
  readonly fileName: string;
  readonly languageId: string;
  getText(): string;
}

/**
 * Whether an open document needs the server. `inSelector`: the client's document selector
 * matches it (the server would be sent it at all).
 */
export function documentNeedsServer(document: OpenedDocument, inSelector: boolean): boolean {
  if (!inSelector) return false;
  const surface = sourceCodeSurface(document.fileName, document.languageId);
  return surface ? surface.mayHold(document.getText()) : true;
}

/** One change of a document, as VS Code reports it (the range in the text before the change). */
export interface TextChange {
  readonly range: { readonly start: { readonly line: number } };
  readonly text: string;
}

/**
 * The lines of the new text that one edit may have made pass the cheap test, first and last
 * (what the test looks for lies within one line); undefined when the event holds several changes,
 * whose line numbers shift each other: then the whole text is tested.
 */
export function linesTouched(changes: readonly TextChange[]): { first: number; last: number } | undefined {
  if (changes.length !== 1) return undefined;
  const [change] = changes;
  let breaks = 0;
  for (let at = change.text.indexOf('\n'); at >= 0; at = change.text.indexOf('\n', at + 1)) breaks++;
  return { first: change.range.start.line, last: change.range.start.line + breaks };
}

/** Whether a changed document now needs the server, testing only what the edit touched when it can. */
export function changeNeedsServer(
  document: OpenedDocument & { readonly lineCount: number; lineAt(line: number): { readonly text: string } },
  changes: readonly TextChange[],
  inSelector: boolean,
): boolean {
  const surface = inSelector ? sourceCodeSurface(document.fileName, document.languageId) : undefined;
  if (!surface) return false;
  const lines = linesTouched(changes);
  if (!lines) return surface.mayHold(document.getText());
  const touched: string[] = [];
  for (let line = lines.first; line <= Math.min(lines.last, document.lineCount - 1); line++) touched.push(document.lineAt(line).text);
  return surface.mayHold(touched.join('\n'));
}
