/** A unified diff for `--fix --dry-run`: fixes touch few lines, so hunks come from a line LCS. */

export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are separated by at most 2×context unchanged lines.
    for (let j = i; j < ops.length; j++) {
      if (ops[j].kind !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const slice = ops.slice(start, stop);
    const oldStart = slice[0].oldLine;
    const newStart = slice[0].newLine;
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${oldStart + 1},${oldCount} +${newStart + 1},${newCount} @@`);
    for (const op of slice) out.push(`${op.kind}${op.text}`);
    i = stop;
  }
  return out.join('\n') + '\n';
}

/** Lines without their terminators; a final line break does not make an extra empty line. */
function splitLines(text: string): string[] {
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

interface LineOp {
  kind: ' ' | '-' | '+';
  text: string;
  oldLine: number;
  newLine: number;
}

function diffLines(a: string[], b: string[]): LineOp[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const ops: LineOp[] = [];
  for (let k = 0; k < prefix; k++) ops.push({ kind: ' ', text: a[k], oldLine: k, newLine: k });
  const middle = midA.length * midB.length <= 4_000_000 ? lcsOps(midA, midB) : [...midA.map(() => '-' as const), ...midB.map(() => '+' as const)];
  let oldLine = prefix;
  let newLine = prefix;
  let ai = 0;
  let bi = 0;
  for (const kind of middle) {
    if (kind === ' ') ops.push({ kind, text: midA[ai++], oldLine: oldLine++, newLine: newLine++ }), bi++;
    else if (kind === '-') ops.push({ kind, text: midA[ai++], oldLine: oldLine++, newLine });
    else ops.push({ kind, text: midB[bi++], oldLine, newLine: newLine++ });
  }
  for (let k = a.length - suffix; k < a.length; k++) ops.push({ kind: ' ', text: a[k], oldLine: oldLine++, newLine: newLine++ });
  return ops;
}

function lcsOps(a: string[], b: string[]): (' ' | '-' | '+')[] {
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const ops: (' ' | '-' | '+')[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push(' '), i++, j++;
    else if (i < a.length && (j === b.length || table[i + 1][j] >= table[i][j + 1])) ops.push('-'), i++;
    else ops.push('+'), j++;
  }
  return ops;
}
