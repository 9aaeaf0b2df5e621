/**
 * Variable interpolation as Compose does it before ports are parsed, and as BuildKit does it in a
 * Dockerfile: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`,
 * `${VAR:+alt}`, `${VAR+alt}`, and (Compose) `$$` for a literal `$`.
 *
 * A variable that is not set here has no value we can know: it is normally set where the file is
 * deployed or built. Its text becomes UNKNOWN_TEXT, so the slot it fills is unknown rather than
 * empty or invalid; the names are kept to say which variable decides it.
 */
import type { MappedText } from './mappedText';
import { UNKNOWN_TEXT } from './publishSpec';

export interface Interpolated {
  value: MappedText;
  /** One line per variable, for hovers: what it resolved to and why. */
  notes: string[];
  /** Variables whose values are only known where the file is used. */
  unknown: string[];
}

export interface InterpolationOptions {
  /** Where set values come from, for notes: `.env`, `ARG/ENV`. */
  source: string;
  /** `$$` is a literal `$` (Compose); a Dockerfile escapes with `\$` instead. */
  dollarEscape: boolean;
}

/**
 * The variables a text is interpolated with: a plain record (Compose's `.env`), or a map a reader
 * keeps current as it goes (a Dockerfile's ARG and ENV), looked up as it is, never copied.
 */
export type Environment = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

/** A variable's value; only the record's own keys count (`constructor` is not a variable that is set). */
function valueOf(environment: Environment, name: string): string | undefined {
  if (environment instanceof Map) return environment.get(name);
  const record = environment as Readonly<Record<string, string>>;
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

const COMPOSE: InterpolationOptions = { source: '.env', dollarEscape: true };
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Defaults inside defaults (`${A:-${B:-80}}`) are read this many levels deep; deeper ones are
 * unknown. Each level reads its braces again and recurses: 100,000 levels took 16 s and most of a
 * thread's stack, where a stack overflow can abort the process (see extract/nestingDepth.ts).
 */
const NESTED_DEFAULTS = 16;

export function interpolate(source: MappedText, environment: Environment, options: InterpolationOptions = COMPOSE, depth = 0): Interpolated {
  const { text } = source;
  if (!text.includes('$')) return { value: source, notes: [], unknown: [] };
  let out = '';
  const offsets: number[] = [];
  const notes: string[] = [];
  const unknown: string[] = [];
  const emit = (chunk: string, offset: number) => {
    for (let k = 0; k < chunk.length; k++) {
      out += chunk[k];
      offsets.push(offset);
    }
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$' || (!options.dollarEscape && text[i - 1] === '\\')) {
      out += c;
      offsets.push(source.offsets[i]);
      i++;
      continue;
    }
    const at = source.offsets[i];
    if (options.dollarEscape && text[i + 1] === '$') {
      emit('$', at);
      i += 2;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = matchingBrace(text, i + 2);
      if (close < 0) {
        emit(text.slice(i), at); // Compose reports "invalid interpolation format"; keep the text as is.
        break;
      }
      const body = text.slice(i + 2, close);
      const resolved = resolveBraced(body, environment, options, depth);
      notes.push(resolved.note);
      if (resolved.unknown) unknown.push(resolved.unknown);
      if (resolved.literalFrom !== undefined) {
        // A default written literally maps to its own characters, so a fix can edit the default.
        const from = i + 2 + resolved.literalFrom;
        for (let k = 0; k < resolved.value.length; k++) {
          out += resolved.value[k];
          offsets.push(source.offsets[from + k]);
        }
      } else emit(resolved.value, at);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) {
      emit('$', at);
      i++;
      continue;
    }
    const value = valueOf(environment, name);
    if (value === undefined || value.includes(UNKNOWN_TEXT)) {
      notes.push(unsetNote(name, options));
      unknown.push(name);
      emit(UNKNOWN_TEXT, at);
    } else {
      notes.push(`\`$${name}\` = ${show(value)} (from ${options.source}).`);
      emit(value, at);
    }
    i += 1 + name.length;
  }
  return { value: { text: out, offsets, start: source.start, end: source.end }, notes, unknown };
}

function unsetNote(name: string, options: InterpolationOptions): string {
  const where = options.source === '.env' ? 'no value in .env' : 'no value in the Dockerfile';
  return `\`${name}\` is not set here (${where}): it is set where the file is ${options.source === '.env' ? 'deployed' : 'built'}, so its value is unknown.`;
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '{' && text[j - 1] === '$') depth++;
    else if (text[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

const show = (v: string) => (v === '' ? 'empty' : `\`${v}\``);

interface BracedValue {
  value: string;
  note: string;
  /** The variable that makes the value unknown. */
  unknown?: string;
  /** When the value is the default written literally: where it starts in the braces' body. */
  literalFrom?: number;
}

function resolveBraced(body: string, environment: Environment, options: InterpolationOptions, depth: number): BracedValue {
  const name = NAME.exec(body)?.[0] ?? '';
  if (depth >= NESTED_DEFAULTS) return { value: UNKNOWN_TEXT, note: `\`${name}\` sits ${depth} defaults deep: its value is not worked out here.`, unknown: name };
  const rest = body.slice(name.length);
  const raw = valueOf(environment, name);
  const operator = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0] ?? '';
  const argumentText = rest.slice(operator.length);
  const argument = interpolate({ text: argumentText, offsets: [], start: 0, end: 0 }, environment, options, depth + 1);
  const literalArgument = !argumentText.includes('$') ? name.length + operator.length : undefined;
  const unknownValue = raw !== undefined && raw.includes(UNKNOWN_TEXT);
  const set = raw !== undefined;
  const nonEmpty = set && raw !== '';
  const fromSource = { value: raw!, note: `\`${name}\` = ${show(raw ?? '')} (from ${options.source}).` };
  const unknown = { value: UNKNOWN_TEXT, note: unsetNote(name, options), unknown: name };
  switch (operator) {
    case ':-':
    case '-': {
      if (unknownValue) return unknown;
      const useDefault = operator === ':-' ? !nonEmpty : !set;
      if (!useDefault) return fromSource;
      return {
        value: argument.value.text,
        note: `\`${name}\` is ${set ? 'empty' : 'not set here'}: the default ${show(argument.value.text)} applies.`,
        literalFrom: literalArgument,
        unknown: argument.unknown[0],
      };
    }
    case ':+':
    case '+': {
      if (unknownValue) return unknown;
      const useAlt = operator === ':+' ? nonEmpty : set;
      return { value: useAlt ? argument.value.text : '', note: `\`${name}\` is ${set ? 'set' : 'not set here'}: the value is ${show(useAlt ? argument.value.text : '')}.` };
    }
    case ':?':
    case '?':
      if (set && !unknownValue) return fromSource;
      return { ...unknown, note: `\`${name}\` must be set where the file is used (Compose stops with "${argumentText || 'required variable'}" otherwise), so its value is unknown here.` };
    default:
      return set && !unknownValue ? fromSource : unknown;
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
