/**
 * The port map of whole folders for the language server: files on disk are read once and kept
 * while their size and modification time stay the same, so a map after a keystroke costs a walk,
 * a stat per file and the build; open documents come in with their unsaved text.
 */
import * as fs from 'fs';
import type { Analysis } from '../engine/analyze';
import type { DocumentKind } from '../engine/model';
import { buildPortMap, CheckedFile, PortMapEntry } from '../engine/portMap';
import type { Settings } from '../engine/settings';
import { URI } from './uri';
import { findFiles } from './files';

type AnalyzeFile = (filePath: string, kind: DocumentKind, text: string) => Promise<Analysis>;

interface Cached {
  mtimeMs: number;
  size: number;
  settings: Settings;
  file: CheckedFile;
}

export class WorkspacePortMap {
  private readonly cache = new Map<string, Cached>();

  /** `analyzeFile` reads one file from disk (the server's checker thread). */
  async build(folders: string[], open: CheckedFile[], settings: Settings, analyzeFile: AnalyzeFile): Promise<PortMapEntry[]> {
    const openUris = new Set(open.map((f) => f.uri));
    const files = [...open];
    const seen = new Set<string>();
    for (const found of findFiles(folders).files) {
      const uri = URI.fromFilePath(found.path);
      seen.add(found.path);
      if (openUris.has(uri)) continue;
      const checked = await this.fromDisk(found.path, uri, found.kind, settings, analyzeFile);
      if (checked) files.push(checked);
    }
    for (const path of this.cache.keys()) if (!seen.has(path)) this.cache.delete(path);
    return buildPortMap(files);
  }

  private async fromDisk(filePath: string, uri: string, kind: DocumentKind, settings: Settings, analyzeFile: AnalyzeFile): Promise<CheckedFile | undefined> {
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
    const analysis = await analyzeFile(filePath, kind, text);
    const file: CheckedFile = { uri, text, facts: analysis.facts, findings: analysis.findings };
    this.cache.set(filePath, { mtimeMs: stat.mtimeMs, size: stat.size, settings, file });
    return file;
  }
}
