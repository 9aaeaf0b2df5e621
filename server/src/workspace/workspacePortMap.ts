/**
 * The port map of whole folders for the language server: files on disk are read once and kept
 * while their size and modification time stay the same, so a map after a keystroke costs a walk,
 * a stat per file and the build; open documents come in with their unsaved text.
 */
import * as fs from 'fs';
import { analyze } from '../analyze';
import { buildPortMap, CheckedFile, PortMapEntry } from '../portMap';
import type { Settings } from '../settings';
import { URI } from '../uri';
import { besideFile } from './checkFile';
import { findFiles } from './files';

interface Cached {
  mtimeMs: number;
  size: number;
  settings: Settings;
  file: CheckedFile;
}

export class WorkspacePortMap {
  private readonly cache = new Map<string, Cached>();

  build(folders: string[], open: CheckedFile[], settings: Settings, openText: (path: string) => string | undefined): PortMapEntry[] {
    const openUris = new Set(open.map((f) => f.uri));
    const files = [...open];
    const seen = new Set<string>();
    for (const found of findFiles(folders).files) {
      const uri = URI.fromFilePath(found.path);
      seen.add(found.path);
      if (openUris.has(uri)) continue;
      const checked = this.fromDisk(found.path, uri, found.kind, settings, openText);
      if (checked) files.push(checked);
    }
    for (const path of this.cache.keys()) if (!seen.has(path)) this.cache.delete(path);
    return buildPortMap(files);
  }

  private fromDisk(filePath: string, uri: string, kind: CheckedFile['facts']['kind'], settings: Settings, openText: (path: string) => string | undefined): CheckedFile | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(filePath);
    } catch {
      return undefined;
    }
    const cached = this.cache.get(filePath);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size && cached.settings === settings) return cached.file;
    if (stat.size > settings.maxFileSize) return undefined;
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch {
      return undefined;
    }
    const analysis = analyze(text, kind, { settings, ...besideFile(filePath, kind, openText) });
    const file: CheckedFile = { uri, text, facts: analysis.facts, findings: analysis.findings };
    this.cache.set(filePath, { mtimeMs: stat.mtimeMs, size: stat.size, settings, file });
    return file;
  }
}
