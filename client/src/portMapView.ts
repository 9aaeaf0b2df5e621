/**
 * The "Published Ports" view: the server's port map grouped by reach (public first), then by
 * binding (`address:port/proto → container`), then by the places that publish it. It follows the
 * server's checks of open documents and file changes on disk; "Bind to 127.0.0.1" applies the same
 * fix as the quick fix, for one source or for every source of a binding.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient, WorkspaceEdit } from 'vscode-languageclient';
import type { PortMapEntry, PortMapSource, Reach } from '../../server/src/engine/portMap';
import { SensitivePortTable, sensitivePortTable, sensitiveServicesIn } from '../../server/src/engine/grammar/sensitivePorts';
import { isIntendedPublic, PUBLIC_CLASS_LABEL } from '../../server/src/engine/intent/publicClass';

const REACHES: { reach: Reach; label: string; why: string }[] = [
  { reach: 'public', label: 'Public', why: 'Every interface (or a public address): anyone who can reach this machine.' },
  { reach: 'unknown', label: 'Unknown address', why: 'The address comes from a variable: known only where the file is used.' },
  { reach: 'specific', label: 'One interface', why: 'A private address of this machine: whoever can reach that network.' },
  { reach: 'local', label: 'This machine only', why: 'Loopback: only processes on this machine.' },
];

export type PortMapNode =
  | { type: 'reach'; reach: Reach; entries: PortMapEntry[] }
  | { type: 'entry'; entry: PortMapEntry }
  | { type: 'source'; entry: PortMapEntry; source: PortMapSource };

export class PortMapView implements vscode.TreeDataProvider<PortMapNode>, vscode.Disposable {
  private entries: PortMapEntry[] = [];
  /** The services that must never be public, with the user's dockerPortSafety.sensitivePorts: read once per load. */
  private sensitive: SensitivePortTable = sensitivePortTable({});
  private loaded: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly tree: vscode.TreeView<PortMapNode>;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private following = false;

  /** `client`: the running language client, started on the first call (the view asks for the map only when shown). */
  constructor(private readonly client: () => Promise<LanguageClient>) {
    this.tree = vscode.window.createTreeView('dockerPortSafety.portMap', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.tree, this.changed);
  }

  /** Follows the server's word that the map changed (and files on disk), once the server runs. */
  connect(client: LanguageClient): void {
    this.followFiles();
    this.disposables.push(client.onNotification('dockerPortSafety/portMapChanged', () => this.refreshSoon()));
  }

  /** Re-reads the map now; the view shows it when the server answers. */
  refresh(): Promise<void> {
    this.followFiles();
    this.loaded = this.load();
    return this.loaded;
  }

  /**
   * Files changing on disk change the map: watched once the server runs or the view is shown
   * (before, nobody asks for a map, and the server may never start).
   */
  private followFiles(): void {
    if (this.following) return;
    this.following = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.refreshSoon()),
      watcher.onDidChange(() => this.refreshSoon()),
      watcher.onDidDelete(() => this.refreshSoon()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refreshSoon()),
    );
  }

  /** The map as the view shows it now (after any refresh in flight): for tests and commands. */
  async currentEntries(): Promise<PortMapEntry[]> {
    await (this.loaded ?? this.refresh());
    return this.entries;
  }

  private refreshSoon(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), 30);
  }

  private async load(): Promise<void> {
    const result = await (await this.client()).sendRequest<{ ports: PortMapEntry[] }>('dockerPortSafety/portMap', {});
    this.entries = result.ports;
    this.sensitive = sensitivePortTable(vscode.workspace.getConfiguration('dockerPortSafety').get<Record<string, string>>('sensitivePorts') ?? {});
    const exposed = this.entries.filter((e) => e.reach === 'public').length;
    this.tree.badge = exposed > 0 ? { value: exposed, tooltip: `${exposed} port binding${exposed === 1 ? '' : 's'} open to the network` } : undefined;
    this.changed.fire();
  }

  async getChildren(node?: PortMapNode): Promise<PortMapNode[]> {
    if (!node) {
      await (this.loaded ?? this.refresh());
      return REACHES.map(({ reach }) => ({ type: 'reach' as const, reach, entries: this.entries.filter((e) => e.reach === reach) })).filter((n) => n.entries.length > 0);
    }
    if (node.type === 'reach') return node.entries.map((entry) => ({ type: 'entry' as const, entry }));
    if (node.type === 'entry') return node.entry.sources.map((source) => ({ type: 'source' as const, entry: node.entry, source }));
    return [];
  }

  getTreeItem(node: PortMapNode): vscode.TreeItem {
    if (node.type === 'reach') {
      const { label, why } = REACHES.find((r) => r.reach === node.reach)!;
      const item = new vscode.TreeItem(label, node.reach === 'public' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.entries.length}`;
      item.tooltip = why;
      item.iconPath = new vscode.ThemeIcon(node.reach === 'public' ? 'globe' : node.reach === 'local' ? 'lock' : 'question');
      item.contextValue = 'reach';
      return item;
    }
    if (node.type === 'entry') return entryItem(node.entry, this.sensitive);
    return sourceItem(node.entry, node.source);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}

export function bindingLabel(entry: PortMapEntry): string {
  const address = entry.hostAddress === null ? '*' : entry.hostAddress.includes(':') ? `[${entry.hostAddress}]` : entry.hostAddress;
  if (entry.kind === 'host-network') return `${address}: every port (host network)`;
  if (entry.kind === 'publish-all') return `${address}: random ports → every EXPOSEd port`;
  return `${address}:${entry.hostPort === '' ? 'random' : entry.hostPort}/${entry.protocol} → ${entry.containerPort}`;
}

function sensitiveService(entry: PortMapEntry, table: SensitivePortTable): string | undefined {
  const port = Number(entry.containerPort);
  if (!Number.isInteger(port)) return undefined;
  return sensitiveServicesIn({ start: port, end: port }, table)[0]?.name;
}

function entryItem(entry: PortMapEntry, table: SensitivePortTable): vscode.TreeItem {
  const item = new vscode.TreeItem(bindingLabel(entry), vscode.TreeItemCollapsibleState.Collapsed);
  const service = sensitiveService(entry, table);
  const notes: string[] = [];
  if (entry.conflict) notes.push('conflict');
  if (entry.publicClass) notes.push(PUBLIC_CLASS_LABEL[entry.publicClass]);
  if (service) notes.push(service);
  item.description = [`${entry.sources.length} source${entry.sources.length === 1 ? '' : 's'}`, ...notes].join(' · ');
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${bindingLabel(entry)}** (${entry.kind})\n\n`);
  if (entry.conflict) tooltip.appendMarkdown('$(warning) Another source binds the same address, port and protocol: one of the containers will fail with "port is already allocated".\n\n');
  if (service && entry.reach !== 'local') tooltip.appendMarkdown(`$(shield) ${service} must never be reachable from the network.\n\n`);
  if (entry.publicClass && isIntendedPublic(entry.publicClass)) {
    tooltip.appendMarkdown(`$(globe) ${PUBLIC_CLASS_LABEL[entry.publicClass]}: "Bind to 127.0.0.1" leaves it as it is (the quick fix on the source still offers it).\n\n`);
  }
  tooltip.supportThemeIcons = true;
  item.tooltip = tooltip;
  item.iconPath = entry.conflict
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
    : service && entry.reach !== 'local'
      ? new vscode.ThemeIcon('shield', new vscode.ThemeColor('list.errorForeground'))
      : new vscode.ThemeIcon(entry.kind === 'host-network' ? 'server-environment' : 'plug');
  item.contextValue = entry.sources.some(isFixable) ? 'fixableEntry' : 'entry';
  return item;
}

function sourceItem(entry: PortMapEntry, source: PortMapSource): vscode.TreeItem {
  const uri = vscode.Uri.parse(source.uri);
  const item = new vscode.TreeItem(`${vscode.workspace.asRelativePath(uri)}:${source.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
  item.description = [source.container, source.rule, source.publicClass && PUBLIC_CLASS_LABEL[source.publicClass]].filter(Boolean).join(' · ');
  item.resourceUri = uri;
  item.iconPath = vscode.ThemeIcon.File;
  const range = new vscode.Range(source.range.start.line, source.range.start.character, source.range.end.line, source.range.end.character);
  item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: range } satisfies vscode.TextDocumentShowOptions] };
  item.tooltip = `${bindingLabel(entry)}${source.container ? ` — ${source.container}` : ''}`;
  item.contextValue = isFixable(source) ? 'fixableSource' : 'source';
  return item;
}

/** A source "Bind to 127.0.0.1" changes: public-bind, and not public by design or declared public. */
function isFixable(source: PortMapSource): boolean {
  return source.rule === 'public-bind' && !isIntendedPublic(source.publicClass);
}

/** "Bind to 127.0.0.1": the quick fix of one source, or of every fixable source of a binding, as one edit. */
export async function bindToLoopback(client: LanguageClient, node: PortMapNode | undefined): Promise<boolean> {
  if (!node || node.type === 'reach') return false;
  const sources = node.type === 'source' ? [node.source] : node.entry.sources.filter(isFixable);
  const edit = await client.sendRequest<WorkspaceEdit>('dockerPortSafety/bindSources', { sources });
  return vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(edit));
}
