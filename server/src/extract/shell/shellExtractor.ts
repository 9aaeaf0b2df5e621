/**
 * Finds every simple command a shell would run (inside functions, pipelines, lists, subshells,
 * `$(…)`, backticks, if/for/while/case) and hands container commands to `readCommandWords`.
 * Comments, heredoc bodies and strings given to other commands are text, not commands.
 */
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import { DocumentFacts, DocumentKind, emptyFacts } from '../../model';
import { readCommandWords, ShellWord } from './containerCommand';
import { shellWord } from './shellWords';

const NOT_COMMANDS = new Set(['comment', 'heredoc_body', 'heredoc_content']);
const NOT_WORDS = new Set(['variable_assignment', 'file_redirect', 'heredoc_redirect', 'herestring_redirect', 'comment']);
const TOOL_NAMES = /docker|podman|nerdctl/g;

export function extractShellTree(tree: Tree | undefined, text: string, kind: DocumentKind = 'shell'): DocumentFacts {
  const facts = emptyFacts(kind);
  if (!tree) return facts;
  const toolOffsets = [...text.matchAll(TOOL_NAMES)].map((m) => m.index!);
  if (toolOffsets.length === 0) return facts;
  const mentionsTool = (start: number, end: number) => {
    let low = 0;
    let high = toolOffsets.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (toolOffsets[mid] < start) low = mid + 1;
      else high = mid;
    }
    return low < toolOffsets.length && toolOffsets[low] < end;
  };

  // An explicit cursor walk: no recursion (deeply nested input cannot overflow the stack) and no
  // Node objects for the subtrees that never mention a container tool.
  const cursor = tree.walk();
  for (;;) {
    const relevant = !NOT_COMMANDS.has(cursor.nodeType) && mentionsTool(cursor.startIndex, cursor.endIndex);
    if (relevant && cursor.nodeType === 'command') {
      const node = cursor.currentNode;
      readCommandWords(commandWords(node, text), node.startIndex, facts);
    }
    if (relevant && cursor.gotoFirstChild()) continue;
    let moved = cursor.gotoNextSibling();
    while (!moved && cursor.gotoParent()) moved = cursor.gotoNextSibling();
    if (!moved) break;
  }
  cursor.delete();
  return facts;
}

function commandWords(command: Node, text: string): ShellWord[] {
  const words: ShellWord[] = [];
  for (const child of command.children) {
    if (!child || NOT_WORDS.has(child.type)) continue;
    if (child.type === 'command_name') {
      const name = child.firstChild;
      if (name) words.push(shellWord(name, text));
    } else if (child.isNamed) {
      words.push(shellWord(child, text));
    }
  }
  return words;
}
