/**
 * The surfaces written in source code and infrastructure code (Python, scripts, Go, Terraform, a
 * Vagrantfile), whose files mostly never mention Docker: the recognition of each, with its cheap
 * test. Light on purpose (no parser, no registry): the extension's client imports this module to
 * decide whether an opened file is worth starting the language server for, with the very test the
 * server and the CLI's walk apply. The registry test checks that this list is exactly the readers
 * that have a cheap test, in the registry's order.
 */
import { baseName } from './fileNames';
import type { Recognition } from './reader';
import { terraformRecognition } from './terraform/recognition';
import { dockerPyRecognition } from './docker-py/recognition';
import { engineApiJsRecognition } from './engine-api-js/recognition';
import { engineApiGoRecognition } from './engine-api-go/recognition';
import { vagrantRecognition } from './vagrant/recognition';

export type SourceCodeRecognition = Recognition & { mayHold(text: string): boolean };

export const SOURCE_CODE_SURFACES: readonly SourceCodeRecognition[] = [
  terraformRecognition,
  dockerPyRecognition,
  engineApiJsRecognition,
  engineApiGoRecognition,
  vagrantRecognition,
] as SourceCodeRecognition[];

/** The source-code surface a file is, by its language id or its name; undefined for every other file. */
export function sourceCodeSurface(fileName: string, languageId?: string): SourceCodeRecognition | undefined {
  const name = baseName(fileName);
  return SOURCE_CODE_SURFACES.find((surface) => (languageId !== undefined && surface.languages?.includes(languageId)) || surface.fileName?.test(name));
}
