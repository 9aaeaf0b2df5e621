import { sensitiveServicesIn } from '../grammar/sensitivePorts';
import type { Finding, Rule } from './rule';

export const sensitivePort: Rule = {
  id: 'sensitive-port',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A Dockerfile EXPOSEs a service that should never be public.',
    catches:
      'Dockerfile `EXPOSE` of SSH (22), Telnet, the Docker API (2375/2376), databases (3306, 5432, 6379, 27017, …) and the other ports in `dockerPortSafety.sensitivePorts`.',
    why:
      'EXPOSE publishes nothing by itself, but `docker run -P` publishes every exposed port on every interface, and scanners (Checkov CKV_DOCKER_1, Trivy) flag `EXPOSE 22`. ' +
      'An SSH server in a container is rarely what you want; prefer `docker exec`.',
    fix: 'Remove the EXPOSE line, or keep it and publish the port only on 127.0.0.1. Silence with `# docker-port-safety ignore sensitive-port`.',
  },
  check(facts, context) {
    const findings: Finding[] = [];
    for (const expose of facts.exposes) {
      if (expose.origin === 'compose-expose' || !expose.reading.ok || expose.reading.spec.containerPorts === 'unknown') continue;
      const services = sensitiveServicesIn(expose.reading.spec.containerPorts, context.sensitivePorts);
      if (services.length === 0) continue;
      const names = services.slice(0, 3).map((s) => `${s.name} (${s.port})`).join(', ');
      findings.push({
        rule: 'sensitive-port',
        span: expose.span,
        severity: 'warning',
        message: `${expose.origin === 'quadlet' ? 'ExposeHostPort' : 'EXPOSE'} ${expose.expanded} declares ${names}, which must never be reachable from the network; ${expose.origin === 'quadlet' ? 'PublishAll=true (podman run -P)' : 'docker run -P'} would publish it on every interface.`,
        fixes: [],
      });
    }
    return findings;
  },
};
