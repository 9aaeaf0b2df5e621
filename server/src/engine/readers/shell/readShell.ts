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
import { endContinuationsAtBlankLines } from './shellView';

/** Most files of a repository never name a container tool: they cost one scan. */
/** `port-forward`, not `kubectl`: kubectl publishes only through it, and pages say `kubectl apply` far more often. */
const CONTAINER_TOOL = /docker|podman|nerdctl|port-forward|k3d/;

/** The document's commands at their own offsets, everything else blanked (see shellView.ts). */
export type ShellViewOf = (text: string) => string;

export function readShell(text: string, kind: DocumentKind, viewOf: ShellViewOf): DocumentFacts {
  if (!CONTAINER_TOOL.test(text)) return emptyFacts(kind);
  const view = endContinuationsAtBlankLines(viewOf(text));
  if (!CONTAINER_TOOL.test(view)) return emptyFacts(kind);
  const tree = parseBash(view, kind);
  try {
    return applyCreatedNetworks(extractShellTree(tree, view, kind));
  } finally {
    tree?.delete();
  }
}

/** Re-reads only the commands an edit touched. */
export function incrementalShell(kind: DocumentKind, viewOf: ShellViewOf): (options: IncrementalOptions) => IncrementalReader {
  return (options) => {
    const shell = new IncrementalShellExtractor(options.shellParts);
    return {
      extract: (text) => shell.extract(endContinuationsAtBlankLines(viewOf(text)), kind),
      get lastUpdate() {
        return shell.lastUpdate;
      },
      dispose: () => shell.dispose(),
    };
  };
}
