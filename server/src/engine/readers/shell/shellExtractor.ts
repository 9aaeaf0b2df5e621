/**
 * Finds every simple command a shell would run (inside functions, pipelines, lists, subshells,
 * `$(…)`, backticks, if/for/while/case) and hands container commands to `readCommandWords`.
 * Comments, heredoc bodies and strings given to other commands are text, not commands.
 */
import type { Tree, TreeCursor } from '@vscode/tree-sitter-wasm';
import { DocumentFacts, DocumentKind, emptyFacts } from '../../model';
import { readCommandWords, ShellWord } from './containerCommand';
import { shellWordAt } from './shellWords';

const NOT_COMMANDS = new Set(['comment', 'heredoc_body', 'heredoc_content']);
const NOT_WORDS = new Set(['variable_assignment', 'file_redirect', 'heredoc_redirect', 'herestring_redirect', 'comment']);
const TOOL_NAMES = /docker|podman|nerdctl|port-forward|k3d/g;

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
  // Node objects at all (see shellWords.ts).
  const cursor = tree.walk();
  for (;;) {
    const relevant = !NOT_COMMANDS.has(cursor.nodeType) && mentionsTool(cursor.startIndex, cursor.endIndex);
    if (relevant && cursor.nodeType === 'command') {
      const start = cursor.startIndex;
      readCommandWords(commandWords(cursor, text), start, facts);
    }
    if (relevant && cursor.gotoFirstChild()) continue;
    let moved = cursor.gotoNextSibling();
    while (!moved && cursor.gotoParent()) moved = cursor.gotoNextSibling();
    if (!moved) break;
  }
  cursor.delete();
  return facts;
}

/** The words of the command at the cursor; the cursor is left on the command. */
function commandWords(cursor: TreeCursor, text: string): ShellWord[] {
  const words: ShellWord[] = [];
  if (!cursor.gotoFirstChild()) return words;
  do {
    const type = cursor.nodeType;
    if (NOT_WORDS.has(type)) continue;
    if (type === 'command_name') {
      if (cursor.gotoFirstChild()) {
        words.push(shellWordAt(cursor, text));
        cursor.gotoParent();
      }
    } else if (cursor.nodeIsNamed) {
      words.push(shellWordAt(cursor, text));
    }
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return words;
}
