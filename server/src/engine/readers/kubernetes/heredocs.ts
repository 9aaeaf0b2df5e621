/**
 * Kubernetes-style YAML written into a command by a here-document: `kind create cluster --config -
 * <<EOF`, `cat <<EOF | kind create cluster --config=-`, `kubectl apply -f - <<EOF`, `cat > kind.yaml
 * <<'EOF'`. Whatever reads it, the body is a cluster config or a manifest, read at its own offsets.
 * A delimiter that is not quoted lets the shell expand `$VAR` in the body: such values are unknown.
 */
import type { DocumentFacts, DocumentKind, PublishedPort } from '../../model';
import { lineStartOf } from '../../positions';
import { mergeFacts, MovableFacts } from '../../incremental/shiftFacts';
import { withLinePrefix, withQuotedLineBreaks } from '../markdown/composeBlocks';
import { extractKubernetes, mayHoldKubernetes, pageMayHoldKubernetes } from './kubernetes';

/** `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"` (not `<<<`, a here-string). */
const HEREDOC_START = /(?<!<)<<(-?)[ \t]*(['"]?)([A-Za-z_][\w.-]*)\2/g;

/** `view`: the shell the document holds, at the page's offsets; `page`: the document itself (its quote markers). */
export function heredocKubernetesFacts(view: string, kind: DocumentKind, page: string): DocumentFacts {
  const parts: DocumentFacts[] = [];
  let lineStart = 0;
  while (lineStart < view.length) {
    const newline = view.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? view.length : newline;
    const line = view.slice(lineStart, lineEnd);
    HEREDOC_START.lastIndex = 0;
    const start = line.includes('<<') ? HEREDOC_START.exec(line) : null;
    if (!start || newline < 0) {
      lineStart = lineEnd + 1;
      continue;
    }
    const bodyStart = newline + 1;
    const end = bodyEnd(view, bodyStart, start[3]);
    const stripsTabs = start[1] === '-';
    // `<<-` strips the leading tabs of each line before the command reads it; YAML forbids tabs as indentation.
    const body = stripsTabs ? view.slice(bodyStart, end).replace(/^\t+/gm, (tabs) => ' '.repeat(tabs.length)) : view.slice(bodyStart, end);
    if (mayHoldKubernetes(body)) {
      const { facts } = new MovableFacts(extractKubernetes(body), bodyStart);
      let publishes = stripsTabs ? facts.publishes.map((p) => withLeadingTabs(p, view)) : facts.publishes;
      if (kind === 'markdown') publishes = publishes.map((p) => withQuotedLineBreaks(p, page));
      parts.push({ ...facts, publishes });
    }
    const after = view.indexOf('\n', end);
    lineStart = after < 0 ? view.length : after + 1;
  }
  return mergeFacts(kind, parts);
}

/** Where the body ends: the start of the line that is the delimiter (tabs before it for `<<-`, spaces too on a page), or the end. */
function bodyEnd(view: string, from: number, delimiter: string): number {
  let at = from;
  while (at < view.length) {
    const newline = view.indexOf('\n', at);
    const end = newline < 0 ? view.length : newline;
    if (view.slice(at, end).trim() === delimiter) return at;
    at = end + 1;
  }
  return view.length;
}

/** A line a fix adds to a `<<-` body starts with the tabs of the line it follows, as the others do. */
function withLeadingTabs(publish: PublishedPort, view: string): PublishedPort {
  return withLinePrefix(publish, (offset) => /^\t*/.exec(view.slice(lineStartOf(view, offset)))![0]);
}

/** A shell-holding reader's `embedded`: the here-documents of its view, when the text may hold such objects at all. */
export function heredocsOf(kind: DocumentKind, viewOf: (text: string) => string): (text: string) => DocumentFacts | undefined {
  return (text) => (pageMayHoldKubernetes(text) ? heredocKubernetesFacts(viewOf(text), kind, text) : undefined);
}
