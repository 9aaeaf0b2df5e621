/** Per-document state that makes re-checking an edited document cost about the size of the edit. */
import type { DocumentFacts, DocumentKind } from '../model';
import { IncrementalComposeExtractor } from '../readers/compose/incrementalCompose';
import { IncrementalDockerfileExtractor } from '../readers/dockerfile/incrementalDockerfile';
import { IncrementalShellExtractor } from '../readers/shell/incrementalShell';

export class IncrementalExtractor {
  private shell: IncrementalShellExtractor | undefined;
  private compose: IncrementalComposeExtractor | undefined;
  private dockerfile: IncrementalDockerfileExtractor | undefined;

  /** Where large files start being read in parts, and (scripts) how long a part is: tests lower them. */
  constructor(private readonly options: { composeReadInPartsFrom?: number; shellParts?: { from?: number; length?: number } } = {}) {}

  /** Facts for `text`, or undefined for kinds that are always read whole (JSON, Quadlet, Ansible). */
  extract(text: string, view: () => string, kind: DocumentKind, environment: Readonly<Record<string, string>>): DocumentFacts | undefined {
    if (kind === 'dockerfile') return (this.dockerfile ??= new IncrementalDockerfileExtractor()).extract(text);
    if (kind === 'compose') return (this.compose ??= new IncrementalComposeExtractor(this.options.composeReadInPartsFrom)).extract(text, environment);
    if (kind === 'shell' || kind === 'markdown' || kind === 'workflow') return (this.shell ??= new IncrementalShellExtractor(this.options.shellParts)).extract(view(), kind);
    return undefined;
  }

  /** How the last check read the document: whole, one part, or not at all (unchanged). */
  get lastUpdate(): string | undefined {
    return this.shell?.lastUpdate ?? this.compose?.lastUpdate ?? this.dockerfile?.lastUpdate;
  }

  dispose(): void {
    this.shell?.dispose();
    this.shell = undefined;
    this.compose = undefined;
    this.dockerfile = undefined;
  }
}
