/** Shell embedded in workflow files, read by the shell extractor through a shell view (see shellView.ts). */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { shellView, ShellSegment } from '../shell/shellView';
import { parseYamlDocuments, resolveNode } from '../support/yamlSupport';

/** GitHub Actions workflows: the `run:` of every step. */
export function workflowShellView(text: string): string {
  const segments: ShellSegment[] = [];
  for (const doc of parseYamlDocuments(text)) {
    const root = resolveNode(doc.contents, doc);
    const jobs = isMap(root) ? resolveNode(root.get('jobs', true), doc) : undefined;
    if (!isMap(jobs)) continue;
    for (const jobPair of jobs.items) {
      const job = resolveNode(jobPair.value, doc);
      const steps = isMap(job) ? resolveNode(job.get('steps', true), doc) : undefined;
      if (!isSeq(steps)) continue;
      for (const stepNode of steps.items) {
        const step = resolveNode(stepNode, doc);
        const run = isMap(step) ? resolveNode(step.get('run', true), doc) : undefined;
        const segment = isScalar(run) ? scalarContent(run, text) : undefined;
        if (segment) segments.push(segment);
      }
    }
  }
  return shellView(text, segments);
}

/** The text a `run:` scalar holds in the file: a block scalar's lines, a quoted one's inside. */
function scalarContent(scalar: Scalar, text: string): ShellSegment | undefined {
  if (!scalar.range) return undefined;
  let [start, end] = scalar.range;
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    const headerEnd = text.indexOf('\n', start);
    if (headerEnd < 0) return undefined;
    start = headerEnd + 1;
  } else if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') {
    start++;
    end--;
  }
  return start < end ? { start, text: text.slice(start, end) } : undefined;
}
