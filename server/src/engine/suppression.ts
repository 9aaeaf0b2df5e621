/**
 * `# docker-port-safety ignore [rule,rule]` on its own line silences the line below it, in every
 * kind of file (`//` in JSON with comments, `<!-- … -->` in Markdown).
 */
import { commentLine, CommentStyle } from './intent/publicMarkers';
const IGNORE_COMMENT = /^[ \t]*(?:#|\/\/|<!--)[ \t]*docker-port-safety[ \t]+ignore\b([ \t]+[\w, \t-]*?)?[ \t]*(?:-->)?[ \t]*\r?$/;

/** Line number (0-based) of each silenced line → the rules silenced there (empty set: all). */
export function suppressedRules(text: string): Map<number, Set<string>> {
  const silenced = new Map<number, Set<string>>();
  if (!text.includes('docker-port-safety')) return silenced;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = IGNORE_COMMENT.exec(lines[i]);
    if (!match) continue;
    const rules = (match[1] ?? '').split(/[\s,]+/).filter((r) => r !== '');
    silenced.set(i + 1, new Set(rules));
  }
  return silenced;
}

/** The comment line the "Ignore on this line" action inserts above `lineText`, in that file's comment style. */
export function ignoreComment(lineText: string, rule: string, commentStyle: CommentStyle): string {
  return commentLine(lineText, `docker-port-safety ignore ${rule}`, commentStyle);
}
