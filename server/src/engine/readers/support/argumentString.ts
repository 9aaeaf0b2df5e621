/**
 * Options written as one string that a program splits into words before docker or podman reads
 * them: Quadlet's `PodmanArgs=` (systemd splits it: whitespace separates, double quotes group) and
 * a GitHub Actions container's `options:` (the runner appends it to the `docker create` arguments
 * string, which .NET's Process splits the same way: `ProcessStartInfo.Arguments`, set in
 * actions/runner `src/Runner.Sdk/ProcessInvoker.cs`). A double quote may open or close anywhere in
 * a word (`--health-cmd="pg_isready -U app"` is one word). Each word stays mapped to the document.
 */
import type { MappedText } from '../../grammar/mappedText';
import type { ShellWord } from '../shell/containerCommand';

export function splitArguments(value: MappedText): ShellWord[] {
  const words: ShellWord[] = [];
  const { text } = value;
  const offsets = value.offsets;
  let chars = '';
  let charOffsets: number[] = [];
  let wordStart = -1;
  let quoted = false;
  const end = (at: number) => {
    if (wordStart < 0) return;
    const start = charOffsets[0] ?? offsets[wordStart] ?? value.start;
    words.push({
      value: { text: chars, offsets: charOffsets, start, end: charOffsets.length > 0 ? charOffsets[charOffsets.length - 1] + 1 : start },
      span: { start: offsets[wordStart] ?? value.start, end: at > 0 ? (offsets[at - 1] ?? value.end) + 1 : value.start },
    });
    chars = '';
    charOffsets = [];
    wordStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!quoted && (c === ' ' || c === '\t' || c === '\n' || c === '\r')) {
      end(i);
      continue;
    }
    if (wordStart < 0) wordStart = i;
    if (c === '"') {
      quoted = !quoted;
      continue;
    }
    chars += c;
    charOffsets.push(offsets[i]);
  }
  end(text.length);
  return words;
}
