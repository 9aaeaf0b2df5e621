/**
 * Vagrantfiles: `config.vm.network "forwarded_port", guest:, host:, host_ip:, protocol:`,
 * `config.vm.network "public_network"`, and the Docker provider's `ports` and `create_args`
 * (dockerProvider.ts).
 *
 * As Vagrant reads them (hashicorp/vagrant, read at 35f3160): plugins/kernel_v2/config/vm.rb
 * `network` takes the type as a string or symbol and defaults `protocol` to "tcp"; a forwarded
 * port without `host_ip` listens on every interface (lib/vagrant/action/builtin/
 * handle_forwarded_port_collisions.rb: "If no host_ip is specified, intention taken to be listen on
 * all interfaces", testing 0.0.0.0; VirtualBox gets an empty host address, plugins/providers/
 * virtualbox/action/forward_ports.rb); `public_network` is a bridged adapter
 * (plugins/providers/virtualbox/action/network.rb): the machine joins the host's network itself.
 */
import type { Node } from '@vscode/tree-sitter-wasm';
import { DocumentFacts, emptyFacts, TextEdit } from '../../model';
import { LineIndex } from '../../positions';
import { Assignments } from '../support/assignments';
import { Binding, excerpt, publishOf } from '../support/codeBinding';
import { parseCode } from '../support/grammars';
import { readDockerProvider } from './dockerProvider';
import { literal } from './rubyLiterals';

const DOCS = { title: 'Vagrant: forwarded ports', url: 'https://developer.hashicorp.com/vagrant/docs/networking/forwarded_ports' };
/** Where Vagrant forwards a port without `host_ip`. */
const EVERY_INTERFACE = '0.0.0.0';

type Value = { kind: 'known'; value: string } | { kind: 'unknown'; written: string };

export function extractVagrant(text: string): DocumentFacts {
  const facts = emptyFacts('vagrant');
  const tree = parseCode(text, 'ruby');
  if (!tree) return facts;
  try {
    const names = new Assignments<Node>();
    for (const assignment of tree.rootNode.descendantsOfType('assignment')) {
      const left = assignment?.childForFieldName('left');
      const right = assignment?.childForFieldName('right');
      if (left?.type === 'identifier' && right) names.add(left.text, assignment!.startIndex, right);
    }
    const lines = new LineIndex(text);
    for (const call of tree.rootNode.descendantsOfType('call')) {
      if (call && isVmCall(call, 'network')) readNetwork(call, text, lines, facts, names);
      else if (call && isVmCall(call, 'provider')) readDockerProvider(call, lines, facts);
    }
  } finally {
    tree.delete();
  }
  return facts;
}

/** `….vm.network(…)`, `….vm.provider(…)`: the receiver is a call of `vm`. */
function isVmCall(call: Node, method: string): boolean {
  if (call.childForFieldName('method')?.text !== method) return false;
  const receiver = call.childForFieldName('receiver');
  return receiver?.type === 'call' && receiver.childForFieldName('method')?.text === 'vm';
}

function valueOf(node: Node, names: Assignments<Node>, text: string, depth = 0): Value {
  if (node.type === 'integer') return { kind: 'known', value: node.text };
  const content = literal(node);
  if (content !== undefined && node.type === 'string') return { kind: 'known', value: content };
  if (node.type === 'identifier' && depth < 4) {
    const assigned = names.before(node.text, node.startIndex);
    if (assigned) return valueOf(assigned.value, names, text, depth + 1);
  }
  return { kind: 'unknown', written: excerpt(text, node) };
}

function readNetwork(call: Node, text: string, lines: LineIndex, facts: DocumentFacts, names: Assignments<Node>): void {
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is Node => n !== null);
  const type = args[0] && literal(args[0]);
  const anchor = lines.lineStart(call.startIndex);
  if (type === 'public_network') {
    facts.hostNetworks.push({
      span: { start: args[0].startIndex, end: args[0].endIndex },
      anchor,
      owner: { kind: 'virtual-machine' },
      description: 'Public network: the Vagrant machine is bridged onto the host\'s network and gets an address of its own there, so every port it listens on is reachable by anyone on that network; no forwarding restricts it.',
      notes: ['A forwarded port with `host_ip: "127.0.0.1"` or a `private_network` keeps the machine to this host.'],
    });
    return;
  }
  if (type !== 'forwarded_port') return;
  const options = new Map<string, Node>();
  for (const pair of args.slice(1)) {
    if (pair.type !== 'pair') continue;
    const key = literal(pair.childForFieldName('key'));
    if (key !== undefined) options.set(key, pair);
  }
  const value = (key: string) => {
    const pair = options.get(key);
    const node = pair?.childForFieldName('value');
    return node ? valueOf(node, names, text) : undefined;
  };
  const [guest, host, hostIp, protocol] = ['guest', 'host', 'host_ip', 'protocol'].map(value);
  const known = (v: Value | undefined) => (v?.kind === 'known' ? v.value : undefined);
  const binding: Binding = {
    hostIp: hostIp ? known(hostIp) : EVERY_INTERFACE,
    hostPort: known(host),
    containerPort: known(guest),
    protocol: protocol ? known(protocol) : 'tcp',
  };
  const notes: string[] = [];
  if (!hostIp) notes.push('No `host_ip`: Vagrant forwards the port on every interface of this machine.');
  for (const [key, v] of [['guest', guest], ['host', host], ['host_ip', hostIp], ['protocol', protocol]] as const) {
    if (v?.kind === 'unknown') notes.push(`\`${key}\` is \`${v.written}\`: only known when Vagrant runs.`);
  }
  const hostIpNode = options.get('host_ip')?.childForFieldName('value');
  const hostPair = options.get('host');
  const at = hostIpNode ?? hostPair ?? args[0];
  facts.publishes.push(publishOf(binding, {
    span: { start: at.startIndex, end: at.endIndex },
    hoverSpan: { start: call.startIndex, end: call.endIndex },
    anchor,
    origin: 'vagrant',
    owner: { kind: 'virtual-machine' },
    notes,
    docs: DOCS,
    rebind: rebindForward(args, hostIpNode, hostPair),
  }));
}

/** The address inside `host_ip`'s quotes, or `host_ip` added after `host:` in the call's own style. */
function rebindForward(args: Node[], hostIpNode: Node | null | undefined, hostPair: Node | undefined): ((address: string) => TextEdit[]) | undefined {
  if (hostIpNode) {
    if (hostIpNode.type !== 'string' || literal(hostIpNode) === undefined) return undefined;
    const start = hostIpNode.startIndex + 1;
    const end = hostIpNode.endIndex - 1;
    return (address) => [{ start, end, newText: address }];
  }
  const after = hostPair ?? args[args.length - 1];
  if (!after) return undefined;
  const quote = args.map((a) => (a.type === 'string' ? a.text[0] : a.type === 'pair' && a.childForFieldName('value')?.type === 'string' ? a.childForFieldName('value')!.text[0] : undefined)).find((q) => q === '"' || q === "'") ?? '"';
  const rocket = hostPair?.childForFieldName('key')?.type === 'simple_symbol';
  const at = after.endIndex;
  return (address) => [{ start: at, end: at, newText: rocket ? `, :host_ip => ${quote}${address}${quote}` : `, host_ip: ${quote}${address}${quote}` }];
}
