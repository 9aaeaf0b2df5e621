/** The readers of source files and infrastructure code, by kind: each parses with its own tree-sitter grammar. */
import type { CodeKind, DocumentFacts } from '../../model';
import { emptyFacts } from '../../model';
import { extractTerraform } from '../terraform/terraform';
import { extractDockerPy } from '../dockerPy/dockerPy';
import { extractVagrant } from '../vagrant/vagrant';
import { extractEngineApiJs } from '../engineApi/engineApiJs';
import { extractGoEngineApi } from '../engineApi/goEngineApi';

const READERS: Partial<Record<CodeKind, (text: string) => DocumentFacts>> = {
  terraform: extractTerraform,
  python: extractDockerPy,
  vagrant: extractVagrant,
  javascript: (text) => extractEngineApiJs(text, 'javascript'),
  typescript: (text) => extractEngineApiJs(text, 'typescript'),
  tsx: (text) => extractEngineApiJs(text, 'tsx'),
  go: extractGoEngineApi,
};

export function extractCode(text: string, kind: CodeKind): DocumentFacts {
  return READERS[kind]?.(text) ?? emptyFacts(kind);
}
