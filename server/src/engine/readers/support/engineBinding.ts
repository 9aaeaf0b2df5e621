/**
 * An Engine API `PortBinding` as written in code (a JavaScript object, a Go struct literal): its
 * `HostIp`/`HostIP` and `HostPort` fields read into a binding with the words for its hover. Shared
 * by the JavaScript/TypeScript and Go readers, which differ only in how a literal is spelled.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import type { PublishedPort, TextEdit } from '../../model';
import { Binding, BindingPlace, excerpt, publishOf } from './codeBinding';

export interface WrittenField {
  node: Node;
  /** The literal's value; undefined when the expression is only known when the code runs. */
  value: string | undefined;
}

export interface EngineBinding {
  /** `HostIp` in JSON and JavaScript, `HostIP` in Go. */
  addressField: string;
  hostIp?: WrittenField;
  hostPort?: WrittenField;
  containerPort: string | undefined;
  protocol: string | undefined;
  /** The key the binding is stored under, when it is written and not a literal. */
  unreadKey?: Node;
  /** The literal itself: the squiggle when no address is written, and the hover. */
  literal: Node;
  anchor: number;
  docs: BindingPlace['docs'];
  rebind?: (address: string) => TextEdit[];
  notes?: string[];
}

/** The publish the binding makes: no address or an empty one is every interface, no port a random one. */
export function engineBindingPublish(text: string, written: EngineBinding): PublishedPort {
  const notes = [...(written.notes ?? [])];
  const field = written.addressField;
  const hostIp = written.hostIp ? written.hostIp.value : '';
  if (written.hostIp && hostIp === undefined) notes.push(`\`${field}\` is \`${excerpt(text, written.hostIp.node)}\`, only known when the code runs.`);
  if (hostIp === '') notes.push(`${written.hostIp ? 'An empty' : 'No'} \`${field}\`: Docker binds the port on every interface.`);
  let hostPort: string | null | undefined = written.hostPort ? written.hostPort.value : null;
  if (hostPort === '') hostPort = null;
  if (written.hostPort && hostPort === undefined) notes.push(`\`HostPort\` is \`${excerpt(text, written.hostPort.node)}\`, only known when the code runs.`);
  if (hostPort === null) notes.push('No `HostPort`: Docker picks a free port.');
  if (written.unreadKey && written.containerPort === undefined) notes.push(`The container port is \`${excerpt(text, written.unreadKey)}\`, only known when the code runs.`);
  const binding: Binding = { hostIp, hostPort, containerPort: written.containerPort, protocol: written.protocol };
  const at = written.hostIp?.node ?? written.literal;
  return publishOf(binding, {
    span: { start: at.startIndex, end: at.endIndex },
    hoverSpan: { start: written.literal.startIndex, end: written.literal.endIndex },
    anchor: written.anchor,
    origin: 'engine-api',
    notes,
    docs: written.docs,
    rebind: written.rebind,
  });
}
