/** The port map as a terminal table and as a Markdown table (pull-request comments, job summaries). */
import type { PortMapEntry, Reach } from '../engine/portMap';
import { PUBLIC_CLASS_LABEL, PublicClass } from '../engine/intent/publicClass';

const COLORS: Record<Reach, string> = { public: '\x1b[31m', unknown: '\x1b[33m', specific: '\x1b[36m', local: '\x1b[32m' };
const HEADINGS = ['REACH', 'CLASS', 'ADDRESS', 'PORT', 'CONTAINER', 'NOTE', 'SOURCES'];
const CLASSES: PublicClass[] = ['must-never', 'accidental', 'declared', 'by-design'];

/** Each entry's cells in reading order; `display` turns a source's URI into `path:line`. */
function cells(entry: PortMapEntry, display: (uri: string) => string): string[] {
  const address = entry.hostAddress ?? '*';
  const port =
    entry.kind === 'host-network' ? 'every port' : entry.kind === 'publish-all' ? 'random/tcp+udp' : `${entry.hostPort === '' ? 'random' : entry.hostPort}/${entry.protocol}`;
  const container = entry.kind === 'host-network' ? '(host network)' : entry.kind === 'publish-all' ? 'every EXPOSEd port' : entry.containerPort;
  const note = entry.conflict ? 'conflict' : '';
  const sources = entry.sources.map((s) => `${display(s.uri)}:${s.range.start.line + 1}${s.container ? ` (${s.container})` : ''}${s.publicClass && s.publicClass !== entry.publicClass ? ` [${s.publicClass}]` : ''}`);
  return [entry.reach, entry.publicClass ?? '', address, port, container, note, sources.join(', ')];
}

function summary(entries: PortMapEntry[]): string {
  if (entries.length === 0) return 'No published ports found.';
  const count = (reach: Reach) => entries.filter((e) => e.reach === reach).length;
  const parts = (['public', 'unknown', 'specific', 'local'] as Reach[]).filter((r) => count(r) > 0).map((r) => `${count(r)} ${r}`);
  const conflicts = entries.filter((e) => e.conflict).length;
  const classCount = (c: PublicClass) => entries.filter((e) => e.publicClass === c).length;
  const classes = CLASSES.filter((c) => classCount(c) > 0).map((c) => `${classCount(c)} ${PUBLIC_CLASS_LABEL[c]}`);
  return (
    `${entries.length} published port${entries.length === 1 ? '' : 's'}: ${parts.join(', ')}${conflicts > 0 ? `; ${conflicts} in conflict` : ''}` +
    `${classes.length > 0 ? `; on every interface: ${classes.join(', ')}` : ''}. * = every interface (0.0.0.0 and [::]).`
  );
}

export function formatPortTable(entries: PortMapEntry[], display: (uri: string) => string, color: boolean): string {
  const rows = entries.map((e) => cells(e, display));
  const widths = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const pad = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  const paint = (code: string, text: string) => (color ? `${code}${text}\x1b[0m` : text);
  const lines = [paint('\x1b[1m', pad(HEADINGS))];
  entries.forEach((entry, n) => {
    const row = rows[n];
    const line = pad(row);
    // Colour only the reach and the note, after padding, so the columns stay aligned.
    lines.push(color ? line.replace(row[0], paint(COLORS[entry.reach], row[0])).replace(/  conflict  /, `  ${paint('\x1b[33m', 'conflict')}  `) : line);
  });
  lines.push(summary(entries));
  return lines.join('\n');
}

export function formatPortMarkdown(entries: PortMapEntry[], display: (uri: string) => string): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\*/g, '\\*');
  const lines = ['### Published ports', '', '| Reach | Class | Address | Port | Container | Note | Sources |', '|---|---|---|---|---|---|---|'];
  for (const entry of entries) {
    const row = cells(entry, display);
    const [reach, , address, port, container, note, sources] = row;
    const classOf = (c: PublicClass | undefined) => (c ? PUBLIC_CLASS_LABEL[c] : '');
    const sourceList = entry.sources
      .map((s) => `\`${display(s.uri)}:${s.range.start.line + 1}\`${s.container ? ` ${escape(s.container)}` : ''}${s.publicClass && s.publicClass !== entry.publicClass ? ` (${classOf(s.publicClass)})` : ''}`)
      .join('<br>');
    const publicClass = entry.publicClass === 'must-never' || entry.publicClass === 'accidental' ? `**${classOf(entry.publicClass)}**` : classOf(entry.publicClass);
    lines.push(`| ${reach === 'public' ? '**public**' : reach} | ${publicClass} | ${address === '*' ? '\\*' : escape(address)} | ${escape(port)} | ${escape(container)} | ${note ? '⚠️ conflict' : ''} | ${sources === '' ? '' : sourceList} |`);
  }
  lines.push('', summary(entries).replace('* =', '\\* ='));
  return lines.join('\n');
}
