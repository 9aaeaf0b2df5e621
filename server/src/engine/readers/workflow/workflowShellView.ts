/** Shell embedded in workflow files, read by the shell extractor through a shell view (see shellView.ts). */
import { Document, isMap, isScalar, isSeq, Scalar, YAMLMap } from 'yaml';
import { shellView, ShellSegment } from '../shell/shellView';
import { parseYamlDocuments, resolveNode } from '../support/yamlSupport';

/** A job of a workflow, with the YAML document it is in (to resolve aliases). */
export interface WorkflowJob {
  name: string;
  job: YAMLMap;
  doc: Document;
}

/** The step reader and the container reader of a workflow ask for the same jobs: the last answer is kept. */
let last: { text: string; jobs: WorkflowJob[] } | undefined;

/** Every `jobs.<id>` mapping of every document of a workflow; none when it is not YAML. */
export function workflowJobs(text: string): WorkflowJob[] {
  if (last?.text === text) return last.jobs;
  const jobs: WorkflowJob[] = [];
  for (const doc of parseYamlDocuments(text)) {
    const root = resolveNode(doc.contents, doc);
    const map = isMap(root) ? resolveNode(root.get('jobs', true), doc) : undefined;
    if (!isMap(map)) continue;
    for (const pair of map.items) {
      const job = resolveNode(pair.value, doc);
      if (isMap(job)) jobs.push({ name: isScalar(pair.key) ? String(pair.key.value) : 'job', job, doc });
    }
  }
  last = { text, jobs };
  return jobs;
}

/** GitHub Actions workflows: the `run:` of every step. */
export function workflowShellView(text: string): string {
  const segments: ShellSegment[] = [];
  for (const { job, doc } of workflowJobs(text)) {
    const steps = resolveNode(job.get('steps', true), doc);
    if (!isSeq(steps)) continue;
    for (const stepNode of steps.items) {
      const step = resolveNode(stepNode, doc);
      const run = isMap(step) ? resolveNode(step.get('run', true), doc) : undefined;
      const segment = isScalar(run) ? scalarContent(run, text) : undefined;
      if (segment) segments.push(segment);
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
