/**
 * Pod specs wherever a manifest holds one (Pod `spec`, the `template.spec` of Deployments,
 * DaemonSets, StatefulSets, ReplicaSets and Jobs, a CronJob's `jobTemplate`, a `List`'s items, and
 * custom resources that embed a pod template): a mapping with `containers`.
 *
 * core/v1 (k8s.io/api `core/v1/types.go`, ContainerPort): `hostPort` is the "number of port to
 * expose on the host", `hostIP` is "what host IP to bind the external port to"; without `hostIP`
 * the port is bound on every address of the node the pod runs on. `hostNetwork: true` puts the pod
 * in the node's network namespace: every port its containers listen on is the node's.
 */
import { Document, isMap, isSeq, YAMLMap } from 'yaml';
import type { DocumentFacts, Owner, PublishedPort } from '../../model';
import { isLoopback, parseIpAddress } from '../../grammar/ipAddress';
import { resolveNode, walkMappings } from '../support/yamlSupport';
import { addressText, fieldsOf, portNumberText, protocolText, spanOfNode, toolPublish } from './portFields';
import { insertAfterPair, replaceScalar, yamlValue } from './yamlEdits';

const CONTAINER_LISTS = ['containers', 'initContainers'];

export function readPodSpecs(root: YAMLMap, doc: Document, text: string, facts: DocumentFacts, workload: string): void {
  // A pod spec is a mapping with a `containers` list: it is read whole; any other mapping is walked into.
  walkMappings(root, doc, (map) => {
    if (!isSeq(resolveNode(fieldsOf(map, doc).pairs.get('containers')?.value, doc))) return map.items.map((pair) => pair.value);
    readPodSpec(map, doc, text, facts, workload);
    return [];
  });
}

function readPodSpec(spec: YAMLMap, doc: Document, text: string, facts: DocumentFacts, workload: string): void {
  const fields = fieldsOf(spec, doc);
  const hostNetwork = fields.scalar('hostNetwork');
  const onHostNetwork = hostNetwork?.value === true;
  if (hostNetwork && onHostNetwork) {
    facts.hostNetworks.push({
      span: spanOfNode(hostNetwork),
      owner: { kind: 'kubernetes-pod', name: workload },
      notes: ["`hostNetwork: true`: the pod uses the node's own network; every port its containers listen on is open on every address of the node it runs on."],
    });
  }
  for (const list of CONTAINER_LISTS) {
    const containers = resolveNode(fields.pairs.get(list)?.value, doc);
    if (!isSeq(containers)) continue;
    for (const item of containers.items) {
      const container = resolveNode(item, doc);
      if (!isMap(container)) continue;
      const containerFields = fieldsOf(container, doc);
      const name = containerFields.scalar('name');
      const ports = resolveNode(containerFields.pairs.get('ports')?.value, doc);
      if (!isSeq(ports)) continue;
      for (const portItem of ports.items) {
        const port = resolveNode(portItem, doc);
        if (!isMap(port)) continue;
        const image = containerFields.scalar('image');
        const publish = readHostPort(port, doc, text, image ? { kind: 'kubernetes-pod', name: workload, image: String(image.value) } : { kind: 'kubernetes-pod', name: workload }, name ? String(name.value) : undefined);
        if (!publish) continue;
        if (onHostNetwork) {
          publish.discarded = true;
          publish.notes.push('`hostNetwork: true`: the container listens on the node directly; the hostPort mapping adds nothing.');
        }
        facts.publishes.push(publish);
      }
    }
  }
}

function readHostPort(port: YAMLMap, doc: Document, text: string, owner: Owner, container: string | undefined): PublishedPort | undefined {
  const fields = fieldsOf(port, doc);
  const hostPortNode = fields.scalar('hostPort');
  const hostPort = portNumberText(hostPortNode);
  const containerPort = portNumberText(fields.scalar('containerPort'));
  const protocol = protocolText(fields.scalar('protocol'));
  if (!hostPortNode || !hostPort || containerPort === undefined || protocol === undefined) return undefined;
  const hostIpNode = fields.scalar('hostIP');
  const address = addressText(hostIpNode);
  const written = `${address ? `hostIP: ${address}, ` : ''}hostPort: ${hostPort}, containerPort: ${containerPort || '?'}`;
  const publish = toolPublish(
    { address, hostPort, containerPort, protocol },
    {
      span: spanOfNode(hostIpNode ?? hostPortNode),
      hoverSpan: spanOfNode(port),
      origin: 'kubernetes',
      written,
      owner,
      hostSide: address === '' ? 'every address of the node the pod runs on (no `hostIP`)' : undefined,
    },
  );
  if (!publish || !publish.reading.ok) return publish;
  const hostPortPair = fields.pairs.get('hostPort')!;
  publish.rebind = (bind) => {
    if (hostIpNode) return replaceScalar(hostIpNode, bind);
    return insertAfterPair(text, port, hostPortPair, [`hostIP: ${yamlValue(bind)}`]) ?? [];
  };
  if (container) publish.notes.push(`Container \`${container}\`.`);
  const ip = address ? parseIpAddress(address) : undefined;
  if (ip && isLoopback(ip)) publish.notes.push("`hostIP` is the node's loopback: only processes on the node reach it.");
  return publish;
}
