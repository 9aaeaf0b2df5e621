/**
 * Shell embedded in workflow files, read by the same shell extractor with exact positions:
 * the file is turned into a "shell view" of the same length in which everything that is not
 * a command is blanked to spaces (line breaks kept), so offsets need no mapping at all.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, Scalar } from 'yaml';
import { resolveNode } from './yamlSupport';

function blank(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => (text[i] === '\n' || text[i] === '\r' ? text[i] : ' '));
}

/** GitHub Actions workflows: the `run:` of every step. */
export function workflowShellView(text: string): string {
  const view = blank(text);
  let documents;
  try {
    documents = parseAllDocuments(text);
  } catch {
    return view.join('');
  }
  if (!Array.isArray(documents)) return view.join('');
  for (const doc of documents) {
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
        if (isScalar(run)) copyScalarContent(run, text, view);
      }
    }
  }
  return view.join('');
}

function copyScalarContent(scalar: Scalar, text: string, view: string[]): void {
  if (!scalar.range) return;
  let [start, end] = scalar.range;
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    const headerEnd = text.indexOf('\n', start);
    if (headerEnd < 0) return;
    start = headerEnd + 1;
  } else if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') {
    start++;
    end--;
  }
  for (let i = start; i < end; i++) view[i] = text[i];
}
