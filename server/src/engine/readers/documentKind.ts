/** Which reader a document gets: by language id when it says enough, by file name when it is generic. */
import type { DocumentKind } from '../model';
import { ANSIBLE_CONTAINER_TASK } from './ansible/ansible';

const COMPOSE_NAME = /^(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml$|^[\w.-]+\.compose\.ya?ml$/i;
const DOCKERFILE_NAME = /^(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$|\.(?:Dockerfile|Containerfile)$/i;
const SHELL_NAME = /\.(?:sh|bash|zsh|ksh)$/i;
const MARKDOWN_NAME = /\.(?:md|markdown|mdx)$/i;
const WORKFLOW_PATH = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const DEVCONTAINER_NAME = /^\.?devcontainer\.json$/i;
/** Podman Quadlet units that run containers. */
const QUADLET_NAME = /\.(?:container|pod|kube)$/i;

export function baseName(fileName: string): string {
  const normalized = fileName.replace(/\\/g, '/');
  return normalized.slice(normalized.lastIndexOf('/') + 1);
}

export function isComposeFileName(fileName: string): boolean {
  return COMPOSE_NAME.test(baseName(fileName));
}

export function kindFromFileName(fileName: string): DocumentKind | undefined {
  const name = baseName(fileName);
  const path = fileName.replace(/\\/g, '/');
  if (DOCKERFILE_NAME.test(name)) return 'dockerfile';
  if (COMPOSE_NAME.test(name)) return 'compose';
  if (WORKFLOW_PATH.test(path)) return 'workflow';
  if (DEVCONTAINER_NAME.test(name)) return 'devcontainer';
  if (QUADLET_NAME.test(name)) return 'quadlet';
  if (SHELL_NAME.test(name)) return 'shell';
  if (MARKDOWN_NAME.test(name)) return 'markdown';
  return undefined;
}

const BY_LANGUAGE: Readonly<Record<string, DocumentKind>> = {
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  dockercompose: 'compose',
  'yaml.docker-compose': 'compose',
  shellscript: 'shell',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  markdown: 'markdown',
  'github-actions-workflow': 'workflow',
  ansible: 'ansible',
};

/** Language ids that say only "YAML" or "text": the file name decides. */
const GENERIC_LANGUAGES = new Set(['yaml', 'plaintext', 'json', 'jsonc', 'text', '']);

export function documentKind(fileName: string, languageId?: string): DocumentKind | undefined {
  const byLanguage = languageId ? BY_LANGUAGE[languageId] : undefined;
  if (byLanguage) return byLanguage;
  // Quadlet units have no language of their own: they open as ini, systemd or plain text.
  if (QUADLET_NAME.test(baseName(fileName))) return 'quadlet';
  if (languageId && !GENERIC_LANGUAGES.has(languageId)) return undefined;
  const byName = kindFromFileName(fileName);
  // A generic YAML id never makes a shell script or a Dockerfile of a YAML file, and vice versa.
  if (languageId === 'yaml' && byName !== 'compose' && byName !== 'workflow') return undefined;
  if ((languageId === 'json' || languageId === 'jsonc') && byName !== 'devcontainer') return undefined;
  return byName;
}

const YAML_NAME = /\.ya?ml$/i;
/** A top-level `services:` mapping (not a list, as GitLab CI's `services:` is). */
const TOP_LEVEL_SERVICES = /^services:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]+["']?[\w.-]+["']?[ \t]*:/m;
/** Keys only a Compose service has, indented under a service. */
const SERVICE_KEY = /^[ \t]+(?:image|build|ports|network_mode|deploy|expose|container_name|depends_on|healthcheck|restart|volumes|environment|env_file|command|networks|labels|profiles|extends):/m;

export function isYamlFileName(fileName: string): boolean {
  return YAML_NAME.test(baseName(fileName));
}

/**
 * Compose files by content, whatever their name (`stack.yml`, `production.yml`): a top-level
 * `services:` mapping with Compose service keys. Kubernetes manifests, OpenAPI documents and CI
 * files cost these two regular expressions.
 */
export function looksLikeCompose(text: string): boolean {
  // A plain search first: most YAML (translations, CI, manifests) never says `services:`.
  return text.includes('services:') && TOP_LEVEL_SERVICES.test(text) && SERVICE_KEY.test(text);
}

/** The kind of a document whose name and language id do not say: YAML that reads as Compose is Compose. */
export function documentKindByContent(fileName: string, languageId: string | undefined, text: string): DocumentKind | undefined {
  const known = documentKind(fileName, languageId);
  if (known) return known;
  const yaml = languageId === 'yaml' || ((!languageId || GENERIC_LANGUAGES.has(languageId)) && isYamlFileName(fileName));
  if (!yaml) return undefined;
  if (looksLikeCompose(text)) return 'compose';
  return text.includes('_container') && ANSIBLE_CONTAINER_TASK.test(text) ? 'ansible' : undefined;
}

/** A script without an extension is a shell script when its first line says so. */
export function hasShellShebang(firstLine: string): boolean {
  return /^#!\s*\S*\/(?:env\s+(?:-\S+\s+)*)?(?:ba|z|k|da)?sh\b/.test(firstLine);
}
