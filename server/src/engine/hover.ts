/** Hover text for whatever spec is under the cursor: what it means in plain words. */
import type { DocumentFacts, PublishedPort, Span } from './model';
import { describeOwnerInPlace } from './describe';
import {
  COMPOSE_PORTS_DOCS, containerPortsInWords, TOOL_DOCS, DOCKER_PUBLISH_DOCS, EXPOSE_DOCS, hostPortsInWords, hostSideInWords, sensitiveNames,
} from './describe';
import type { RuleContext } from './rules/rule';
import { formatRange, UNKNOWN_TEXT } from './grammar/publishSpec';
import { publicClassInWords, loopbackCaveat } from './intent/describeIntent';
import { isReportedReach, reachOfPublish } from './describe';

const UNKNOWN_PATTERN = new RegExp(UNKNOWN_TEXT, 'g');
const VSCODE_FORWARDING_DOCS = 'https://code.visualstudio.com/docs/remote/ssh#_forwarding-a-port-creating-ssh-tunnel';

export interface HoverResult {
  span: Span;
  markdown: string;
}

/** The first line of a publish's hover: what it is and whose. Inlay hints show it as their tooltip. */
export function publishHeading(publish: PublishedPort): string {
  if (publish.origin === 'vscode-forwarding') return `**VS Code port forwarding** \`"remote.localPortHost": "${publish.written}"\``;
  return `**Published port** \`${publish.written}\`${publish.owner ? ` (${describeOwnerInPlace(publish.owner)})` : ''}`;
}

const contains = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

export function hoverAt(facts: DocumentFacts, offset: number, context: RuleContext): HoverResult | undefined {
  for (const publish of facts.publishes) {
    if (!contains(publish.span, offset) && !(publish.hoverSpan && contains(publish.hoverSpan, offset))) continue;
    const lines = [publishHeading(publish), ''];
    if (publish.origin === 'vscode-forwarding') {
      for (const note of publish.notes) lines.push(`- ${note}`);
      lines.push('', `[VS Code: port forwarding](${VSCODE_FORWARDING_DOCS})`);
      return { span: publish.span, markdown: lines.join('\n') };
    }
    if (!publish.reading.ok) {
      lines.push(`Docker refuses this: \`${publish.reading.error}\``);
    } else {
      const spec = publish.reading.spec;
      const everyNode = publish.origin === 'swarm';
      const csv = publish.origin === 'run-csv';
      if (publish.resolved !== undefined) lines.push(`- Reads as: \`${publish.resolved.replace(UNKNOWN_PATTERN, '…')}\``);
      const unknown = [...new Set(publish.unknownVariables ?? [])];
      if (unknown.length > 0) lines.push(`- Unknown here: ${unknown.map((n) => `\`${n}\``).join(', ')} (set where the file is deployed) ${unknown.length > 1 ? 'decide' : 'decides'} the port`);
      lines.push(`- Host side: ${everyNode ? 'every interface of every Swarm node' : csv ? 'all network interfaces (docker run ignores host_ip in this form)' : publish.hostSide ?? hostSideInWords(spec)}`);
      lines.push(`- Host port: ${hostPortsInWords(spec)}`);
      lines.push(`- Container: ${containerPortsInWords(spec)}`);
      const sensitive = sensitiveNames(spec, context.sensitivePorts);
      if (sensitive) lines.push(`- Service: ${sensitive}, which must never be reachable from the network`);
      const reach = reachOfPublish(publish, spec);
      if (isReportedReach(publish, reach)) {
        const words = publicClassInWords(publish, context);
        if (words) lines.push(`- ${words}`);
      } else if (reach === 'this-machine') {
        lines.push(`- ${loopbackCaveat()}`);
      }
    }
    for (const note of new Set(publish.notes)) lines.push(`- ${note}`);
    const docs = publish.docs ?? TOOL_DOCS[publish.origin];
    lines.push('', docs ? `[${docs.title}](${docs.url})` : `[Docker: publishing ports](${publish.origin.startsWith('compose') ? COMPOSE_PORTS_DOCS : DOCKER_PUBLISH_DOCS})`);
    return { span: publish.hoverSpan ?? publish.span, markdown: lines.join('\n') };
  }
  for (const expose of facts.exposes) {
    if (!contains(expose.span, offset) || expose.origin === 'compose-expose') continue;
    const lines = [`**${expose.origin === 'quadlet' ? 'ExposeHostPort' : 'EXPOSE'}** \`${expose.written}\`${expose.owner ? ` (${describeOwnerInPlace(expose.owner)})` : ''}`, ''];
    if (!expose.reading.ok) lines.push(`Docker refuses this: \`${expose.reading.error}\``);
    else {
      const spec = expose.reading.spec;
      const ports = spec.containerPorts === 'unknown' ? 'unknown here (set by a build argument or the base image)' : `${formatRange(spec.containerPorts)}/${spec.protocol}`;
      if (expose.expanded !== expose.written) lines.push(`- Value after ARG/ENV expansion: \`${expose.expanded.replace(UNKNOWN_PATTERN, '…')}\``);
      for (const note of expose.notes ?? []) lines.push(`- ${note}`);
      lines.push(`- Container port: ${ports}`);
      const sensitive = sensitiveNames(spec, context.sensitivePorts);
      if (sensitive) lines.push(`- Service: ${sensitive}`);
      lines.push(
        '- This **documents** the port; it does **not publish** it. Nothing outside Docker can reach it until `docker run -p` publishes it, ' +
          `and \`docker run -P\` would publish it on a random port of every interface. Publish it as \`-p 127.0.0.1::${spec.containerPorts === 'unknown' ? 'PORT' : spec.containerPorts.start}\`.`,
      );
    }
    lines.push('', `[Dockerfile reference: EXPOSE](${EXPOSE_DOCS})`);
    return { span: expose.span, markdown: lines.join('\n') };
  }
  for (const marker of facts.publishAll) {
    if (contains(marker.span, offset)) {
      return {
        span: marker.span,
        markdown: `**Publish all** (\`-P\`)\n\nEvery port the image${marker.owner?.image ? ` \`${marker.owner.image}\`` : ''} EXPOSEs gets a random host port on every network interface, IPv4 and IPv6.\n\n[Docker: publishing ports](${DOCKER_PUBLISH_DOCS})`,
      };
    }
  }
  for (const marker of facts.hostNetworks) {
    if (contains(marker.span, offset)) {
      return {
        span: marker.span,
        markdown: `**Host networking**\n\n${marker.description ?? "The container shares this machine's network stack: whatever it listens on is open on the host's interfaces; published ports are discarded."}${marker.notes.map((n) => `\n\n${n}`).join('')}\n\n[Docker: host network driver](https://docs.docker.com/engine/network/drivers/host/)`,
      };
    }
  }
  const explanation = facts.explanations.find((e) => contains(e.span, offset));
  return explanation && { span: explanation.span, markdown: explanation.markdown };
}
