/**
 * Shell embedded in other files, read by the same shell extractor with exact positions:
 * the file is turned into a "shell view" of the same length in which everything that is not
 * a command is blanked to spaces (line breaks kept), so offsets need no mapping at all.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, Scalar } from 'yaml';
import { resolveNode } from './yamlSupport';

const SHELL_FENCES = new Set(['sh', 'bash', 'shell', 'zsh', 'console', 'terminal', 'shell-session', 'shellsession']);
const PROMPT_FENCES = new Set(['console', 'terminal', 'shell-session', 'shellsession']);

function blank(text: string): string[] {
  return Array.from(text, (c) => (c === '\n' || c === '\r' ? c : ' '));
}

/**
 * Markdown: fenced blocks whose info string names a shell. A `$ ` prompt is never part of the
 * command; in console/terminal blocks `# ` is a root prompt too and unprompted lines are output.
 */
export function markdownShellView(text: string): string {
  const view = blank(text);
  const lines = text.split('\n');
  let offset = 0;
  let fence: { marker: string; prompts: boolean } | undefined;
  let continuing = false;
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    const opening = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
    if (!fence) {
      if (opening && SHELL_FENCES.has(opening[2].toLowerCase())) {
        fence = { marker: opening[1], prompts: PROMPT_FENCES.has(opening[2].toLowerCase()) };
        continuing = false;
      }
      continue;
    }
    if (new RegExp(`^ {0,3}${fence.marker[0]}{${fence.marker.length},}\\s*$`).test(line.replace(/\r$/, ''))) {
      fence = undefined;
      continue;
    }
    const prompt = /^(\s*)([$#]|[\w@.~:/-]*[$#%>])?( |$)/.exec(line);
    let keepFrom = -1;
    if (prompt && prompt[2] && (prompt[2] === '$' || fence.prompts)) keepFrom = prompt[0].length;
    else if (continuing || !fence.prompts) keepFrom = 0;
    if (keepFrom >= 0) {
      for (let i = keepFrom; i < line.length; i++) view[lineStart + i] = line[i];
      continuing = /\\\r?$/.test(line);
    } else continuing = false;
  }
  return view.join('');
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
