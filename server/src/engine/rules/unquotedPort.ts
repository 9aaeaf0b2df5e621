import { Rule, withLazyFixes } from './rule';

export const unquotedPort: Rule = {
  id: 'unquoted-port',
  defaultSeverity: 'hint',
  docs: {
    summary: 'A Compose port mapping is not quoted.',
    catches:
      'Unquoted `HOST:CONTAINER` values in Compose `ports`. A warning where YAML 1.1 parsers (docker-compose v1, PyYAML tools) read the value as a base-60 number: ' +
      '`22:22` becomes 1342. Elsewhere (`8000:8000`, which every YAML parser reads as the same string) a style hint: faint dots in the editor, and below the CLI\'s default `--fail-on`.',
    why: "Docker's documentation recommends always quoting port mappings; the same file read by an older tool publishes a different port or fails.",
    fix: 'Quote the value (quick fix "Quote port mapping"). Silence with `# docker-port-safety ignore unquoted-port`.',
  },
  check(facts) {
    return facts.unquoted.map((mapping) =>
      withLazyFixes({
        rule: 'unquoted-port',
        span: mapping.span,
        // Only a value that YAML 1.1 misreads changes what gets published; the rest is style.
        severity: mapping.sexagesimal === undefined ? 'hint' : 'warning',
        message:
          mapping.sexagesimal === undefined
            ? `Quote port mappings: "${mapping.value}". Docker recommends it, and some values are misread by YAML 1.1 parsers.`
            : `YAML 1.1 parsers (docker-compose v1, PyYAML-based tools) read ${mapping.value} as the base-60 number ${mapping.sexagesimal}, not a port mapping. Quote it: "${mapping.value}".`,
      }, () => [{ title: 'Quote port mapping', edits: mapping.quote('"') }]),
    );
  },
};
