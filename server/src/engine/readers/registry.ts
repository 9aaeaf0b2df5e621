/**
 * Every surface the engine reads, in the order file names are tried (the first match wins) and
 * content tests run. Document kinds, the analysis, the CLI's walk and the server's choice of
 * documents all come from this list; tests walk it (test/unit/readerRegistry.test.ts).
 *
 * Adding a surface (say `kind`):
 *   1. a folder `readers/kind/` whose `index.ts` exports `kindReader: Reader<'kind'>` (see
 *      reader.ts: how it is recognised, `extract`, optionally `incremental`, its comment style,
 *      its entries for the editor), with the extraction code beside it;
 *   2. one line in READERS below.
 * The registry test then asks for what the surface owes the rest of the project: fixtures under
 * test/fixtures/readers/kind/, a file in examples/ that `npm start` shows, a row in the README's
 * "What it reads" table starting with its title, and its `editor` entries in
 * client/src/extension.ts's DOCUMENT_SELECTOR and package.json's activationEvents.
 */
import { ansibleReader } from './ansible';
import { composeReader } from './compose';
import { devcontainerReader } from './devcontainer';
import { k3dReader } from './k3d';
import { kindReader } from './kind';
import { kubernetesReader } from './kubernetes';
import { dockerfileReader } from './dockerfile';
import { markdownReader } from './markdown';
import { quadletReader } from './quadlet';
import type { Reader } from './reader';
import { shellReader } from './shell';
import { workflowReader } from './workflow';
import { terraformReader } from './terraform';
import { dockerPyReader } from './docker-py';
import { engineApiJsReader } from './engine-api-js';
import { engineApiGoReader } from './engine-api-go';
import { vagrantReader } from './vagrant';

export const READERS = [
  dockerfileReader,
  composeReader,
  workflowReader,
  devcontainerReader,
  quadletReader,
  shellReader,
  markdownReader,
  ansibleReader,
  kindReader,
  k3dReader,
  kubernetesReader,
  terraformReader,
  dockerPyReader,
  engineApiJsReader,
  engineApiGoReader,
  vagrantReader,
] as const;

/** A reader's id: what kind of document it reads. */
export type DocumentKind = (typeof READERS)[number]['id'];

const BY_ID = new Map<string, Reader>(READERS.map((reader) => [reader.id, reader]));

export function readerOf(kind: DocumentKind): Reader<DocumentKind> {
  return BY_ID.get(kind) as Reader<DocumentKind>;
}
