/**
 * Compose variable interpolation, which runs before ports are parsed:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`,
 * `${VAR:+alt}`, `${VAR+alt}`, and `$$` for a literal `$`. An unset variable without default is empty.
 */
import type { MappedText } from './mappedText';

export interface Interpolated {
  value: MappedText;
  /** One line per variable, for hovers: what it resolved to and why. */
  notes: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function interpolate(source: MappedText, environment: Readonly<Record<string, string>>): Interpolated {
  const { text } = source;
  if (!text.includes('$')) return { value: source, notes: [] };
  let out = '';
  const offsets: number[] = [];
  const notes: string[] = [];
  const emit = (chunk: string, offset: number, literal: boolean) => {
    for (let k = 0; k < chunk.length; k++) {
      out += chunk[k];
      offsets.push(literal ? offset + k : offset);
    }
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      offsets.push(source.offsets[i]);
      i++;
      continue;
    }
    const at = source.offsets[i];
    if (text[i + 1] === '$') {
      emit('$', at, false);
      i += 2;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = matchingBrace(text, i + 2);
      if (close < 0) {
        emit(text.slice(i), at, false); // Compose reports "invalid interpolation format"; keep the text as is.
        break;
      }
      const body = text.slice(i + 2, close);
      const resolved = resolveBraced(body, environment);
      notes.push(resolved.note);
      emit(resolved.value, at, false);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) {
      emit('$', at, false);
      i++;
      continue;
    }
    const value = environment[name];
    notes.push(value === undefined ? `\`$${name}\` is not set: Compose reads it as empty.` : `\`$${name}\` = \`${value}\``);
    emit(value ?? '', at, false);
    i += 1 + name.length;
  }
  return { value: { text: out, offsets, start: source.start, end: source.end }, notes };
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '{' && text[j - 1] === '$') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function resolveBraced(body: string, environment: Readonly<Record<string, string>>): { value: string; note: string } {
  const name = NAME.exec(body)?.[0] ?? '';
  const rest = body.slice(name.length);
  const value = environment[name];
  const operator = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0] ?? '';
  const argument = interpolate(
    { text: rest.slice(operator.length), offsets: [], start: 0, end: 0 },
    environment,
  ).value.text;
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  const show = (v: string) => (v === '' ? 'empty' : `\`${v}\``);
  switch (operator) {
    case ':-':
    case '-': {
      const useDefault = operator === ':-' ? !nonEmpty : !set;
      return useDefault
        ? { value: argument, note: `\`${name}\` is ${set ? 'empty' : 'not set'}: the default ${show(argument)} applies.` }
        : { value: value!, note: `\`${name}\` = ${show(value!)} (from .env).` };
    }
    case ':+':
    case '+': {
      const useAlt = operator === ':+' ? nonEmpty : set;
      return { value: useAlt ? argument : '', note: `\`${name}\` is ${set ? 'set' : 'not set'}: the value is ${show(useAlt ? argument : '')}.` };
    }
    case ':?':
    case '?':
      return set
        ? { value: value!, note: `\`${name}\` = ${show(value!)} (from .env).` }
        : { value: '', note: `\`${name}\` must be set (Compose stops with "${argument || 'required variable'}").` };
    default:
      return set
        ? { value: value!, note: `\`${name}\` = ${show(value!)} (from .env).` }
        : { value: '', note: `\`${name}\` is not set: Compose reads it as empty.` };
  }
}

/** Reads a `.env` file the way Compose does for the common cases: KEY=VALUE, quotes, comments, `export`. */
export function parseDotEnv(text: string): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) value = value.slice(1, value.lastIndexOf(quote));
    else value = value.replace(/\s+#.*$/, '');
    environment[match[1]] = value;
  }
  return environment;
}
