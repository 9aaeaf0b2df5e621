/**
 * Where the line holding `offset` starts. (At offset 0 it is 0: `lastIndexOf` reads a negative
 * position as 0 and would find a line break at the very start.)
 */
export function lineStartOf(text: string, offset: number): number {
  return offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
}

/** Offsets ↔ line/character, computed once per text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 0-based line and UTF-16 character, as LSP counts them. */
  position(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  /** Where the line holding `offset` starts: a binary search, where `lineStartOf` scans (one long line of many facts stays linear). */
  lineStart(offset: number): number {
    const { character } = this.position(offset);
    return Math.max(0, Math.min(offset, this.text.length)) - character;
  }

  /** Where the line holding `offset` ends, before its `\r\n` or `\n`. */
  lineEnd(offset: number): number {
    const { line } = this.position(offset);
    const end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return end > 0 && this.text[end - 1] === '\r' && end < this.text.length ? end - 1 : end;
  }

  offset(position: { line: number; character: number }): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, position.line)];
    const end = position.line + 1 < this.starts.length ? this.starts[position.line + 1] - 1 : this.text.length;
    return Math.min(start + Math.max(0, position.character), end);
  }

  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
