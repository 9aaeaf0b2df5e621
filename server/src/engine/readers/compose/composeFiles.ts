/** Which files are Compose files: by name (`compose.yaml`, `docker-compose.prod.yml`), or by content. */

export const COMPOSE_NAME = /^(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml$|^[\w.-]+\.compose\.ya?ml$/i;

/** A top-level `services:` mapping (not a list, as GitLab CI's `services:` is). */
const TOP_LEVEL_SERVICES = /^services:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]+["']?[\w.-]+["']?[ \t]*:/m;
/** Keys only a Compose service has, indented under a service. */
const SERVICE_KEY = /^[ \t]+(?:image|build|ports|network_mode|deploy|expose|container_name|depends_on|healthcheck|restart|volumes|environment|env_file|command|networks|labels|profiles|extends):/m;

/**
 * Compose files by content, whatever their name (`stack.yml`, `production.yml`): a top-level
 * `services:` mapping with Compose service keys. Kubernetes manifests, OpenAPI documents and CI
 * files cost these two regular expressions.
 */
export function looksLikeCompose(text: string): boolean {
  // A plain search first: most YAML (translations, CI, manifests) never says `services:`.
  return text.includes('services:') && TOP_LEVEL_SERVICES.test(text) && SERVICE_KEY.test(text);
}
