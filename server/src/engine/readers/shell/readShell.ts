/**
 * What every surface that holds shell commands shares (scripts, pages, workflow steps): a view of
 * the document in which only the commands are left (same offsets), read by the bash grammar.
 */
import { DocumentFacts, DocumentKind, emptyFacts } from '../../model';
import type { IncrementalOptions, IncrementalReader } from '../../incremental/incrementalReader';
import { applyCreatedNetworks } from '../support/networkDefaults';
import { parseBash } from './bashParser';
import { IncrementalShellExtractor } from './incrementalShell';
import { extractShellTree } from './shellExtractor';
import { blankCommentSubstitutions, endContinuationsAtBlankLines } from './shellView';
import { ACTED_ON_FLAG_WORDS } from './dockerFlags';

/** Most files of a repository never name a container tool: they cost one scan. */
/** `port-forward`, not `kubectl`: kubectl publishes only through it, and pages say `kubectl apply` far more often. */
const CONTAINER_TOOL = /docker|podman|nerdctl|port-forward|k3d/;
/** These two publish with no flag at all (`k3d cluster create` puts its API server on 0.0.0.0). */
const PUBLISHES_WITHOUT_FLAGS = /port-forward|k3d/;

/**
 * The cheap test of a text before its commands are parsed: it names a container tool, and either
 * one that publishes with no flag or one of the flags the command readers act on. Most pages and
 * scripts that say `docker` run `docker build`, `docker exec` or `docker run --name db -d postgres`:
 * they cost two scans, not a Markdown parse and a bash parse (a third of the pages of six real
 * repositories).
 */
export function mayHoldShellFacts(text: string): boolean {
  return CONTAINER_TOOL.test(text) && (PUBLISHES_WITHOUT_FLAGS.test(text) || ACTED_ON_FLAG_WORDS.test(text));
}

/** The document's commands at their own offsets, everything else blanked (see shellView.ts). */
export type ShellViewOf = (text: string) => string;

export function readShell(text: string, kind: DocumentKind, viewOf: ShellViewOf): DocumentFacts {
  return mayHoldShellFacts(text) ? readShellView(asBashReadsIt(viewOf(text)), kind) : emptyFacts(kind);
}

/** The commands of a view as bash reads it, without the cheap test of the text (tests hold the two against each other). */
export function readShellView(view: string, kind: DocumentKind): DocumentFacts {
  if (!CONTAINER_TOOL.test(view)) return emptyFacts(kind);
  const tree = parseBash(view, kind);
  try {
    return applyCreatedNetworks(extractShellTree(tree, view, kind));
  } finally {
    tree?.delete();
  }
}

/** The view as bash reads it where tree-sitter's grammar would not: backquoted comments, a `\\` before a blank line (see shellView.ts). */
function asBashReadsIt(view: string): string {
  return endContinuationsAtBlankLines(blankCommentSubstitutions(view));
}

/** Re-reads only the commands an edit touched. */
export function incrementalShell(kind: DocumentKind, viewOf: ShellViewOf): (options: IncrementalOptions) => IncrementalReader {
  return (options) => {
    const shell = new IncrementalShellExtractor(options.shellParts);
    return {
      extract: (text) => shell.extract(asBashReadsIt(viewOf(text)), kind),
      get lastUpdate() {
        return shell.lastUpdate;
      },
      dispose: () => shell.dispose(),
    };
  };
}
