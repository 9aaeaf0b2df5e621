/**
 * kind cluster configs (`kind: Cluster`, `apiVersion: kind.x-k8s.io/v1alpha4`), as kind reads them
 * (kubernetes-sigs/kind):
 *
 * - `nodes[].extraPortMappings[]` become `docker run --publish=LISTEN:HOST:CONTAINER/PROTO`
 *   (`pkg/cluster/internal/providers/docker/provision.go`, `generatePortMappings`): an empty
 *   `listenAddress` is `0.0.0.0` ("this is the docker default anyhow"), `::` in an `ipv6`
 *   cluster; `hostPort` 0 or absent is a random free port; `protocol` TCP (default), UDP or SCTP.
 * - `networking.apiServerAddress` defaults to `127.0.0.1` (`::1` for ipv6,
 *   `pkg/apis/config/v1alpha4/default.go`); any address written is where the API server (container
 *   port 6443, `common.APIServerInternalPort`) is published, on `apiServerPort` or a random port.
 *   kind's configuration page "strongly discourage[s] exposing kind to anything other than loopback"
 *   (`site/content/docs/user/configuration.md`, API Server): any address that is not loopback
 *   publishes the API server to every host that can reach that address, so it is reported.
 *   An `extraPortMappings` `listenAddress` is Docker's own `--publish` address and is judged as
 *   Docker's is: a specific address is the interface the user chose.
 */
import { Document, isMap, isSeq, YAMLMap } from 'yaml';
import type { DocumentFacts, Owner } from '../../model';
import { UNKNOWN_TEXT } from '../../grammar/publishSpec';
import { resolveNode } from '../support/yamlSupport';
import { clusterOwner, addressText, fieldsOf, portNumberText, protocolText, spanOfNode, toolPublish } from '../kubernetes/portFields';
import { insertAfterPair, replaceScalar, yamlValue } from '../kubernetes/yamlEdits';

const API_SERVER_INTERNAL_PORT = '6443';

export function readKindCluster(root: YAMLMap, doc: Document, text: string, facts: DocumentFacts): void {
  const top = fieldsOf(root, doc);
  const networking = resolveNode(top.pairs.get('networking')?.value, doc);
  const net = isMap(networking) ? fieldsOf(networking, doc) : undefined;
  const ipv6 = String(net?.scalar('ipFamily')?.value ?? '') === 'ipv6';
  const name = top.scalar('name');
  const cluster = name ? String(name.value) : undefined;

  const apiAddress = net?.scalar('apiServerAddress');
  if (apiAddress) {
    const port = portNumberText(net!.scalar('apiServerPort'));
    const publish = toolPublish(
      { address: addressText(apiAddress), hostPort: port === undefined ? UNKNOWN_TEXT : port, containerPort: API_SERVER_INTERNAL_PORT, protocol: 'tcp' },
      { span: spanOfNode(apiAddress), origin: 'kind', written: `apiServerAddress: ${String(apiAddress.value)}`, owner: clusterOwner('kind-api-server', cluster) },
    );
    if (publish) {
      publish.notes.push("kind's default is 127.0.0.1 (::1 in an ipv6 cluster); its documentation strongly recommends keeping it.");
      publish.anyAddressIsPublic = true;
      publish.rebind = (bind) => replaceScalar(apiAddress, bind);
      facts.publishes.push(publish);
    }
  }

  const nodes = resolveNode(top.pairs.get('nodes')?.value, doc);
  if (!isSeq(nodes)) return;
  for (const item of nodes.items) {
    const node = resolveNode(item, doc);
    if (!isMap(node)) continue;
    const nodeFields = fieldsOf(node, doc);
    const role = String(nodeFields.scalar('role')?.value ?? 'control-plane');
    const mappings = resolveNode(nodeFields.pairs.get('extraPortMappings')?.value, doc);
    if (!isSeq(mappings)) continue;
    for (const mappingItem of mappings.items) {
      const mapping = resolveNode(mappingItem, doc);
      if (isMap(mapping)) readPortMapping(mapping, doc, text, facts, clusterOwner('kind-cluster', cluster), role, ipv6);
    }
  }
}

function readPortMapping(mapping: YAMLMap, doc: Document, text: string, facts: DocumentFacts, owner: Owner, role: string, ipv6: boolean): void {
  const fields = fieldsOf(mapping, doc);
  const listen = fields.scalar('listenAddress');
  const hostPortNode = fields.scalar('hostPort');
  const containerPortNode = fields.scalar('containerPort');
  const hostPort = portNumberText(hostPortNode);
  const containerPort = portNumberText(containerPortNode);
  const protocol = protocolText(fields.scalar('protocol'));
  const anchorNode = listen ?? hostPortNode ?? containerPortNode;
  if (!anchorNode || hostPort === undefined || containerPort === undefined || protocol === undefined) return;
  const defaultAddress = ipv6 ? '::' : '0.0.0.0';
  const address = listen ? addressText(listen) : defaultAddress;
  const publish = toolPublish(
    { address, hostPort, containerPort, protocol },
    {
      span: spanOfNode(anchorNode),
      hoverSpan: spanOfNode(mapping),
      origin: 'kind',
      written: `${listen ? `listenAddress: ${address}, ` : ''}hostPort: ${hostPort || '(random)'}, containerPort: ${containerPort || '?'}`,
      owner,
      hostSide: listen ? undefined : `every ${ipv6 ? 'IPv6' : 'IPv4'} interface (${defaultAddress}): kind's default when \`listenAddress\` is not set`,
    },
  );
  if (!publish) return;
  publish.notes.push(`Published by the ${role} node's container.`);
  const after = fields.pairs.get(hostPortNode ? 'hostPort' : 'containerPort');
  publish.rebind = (bind) => {
    if (listen) return replaceScalar(listen, bind);
    return (after && insertAfterPair(text, mapping, after, [`listenAddress: ${yamlValue(bind, '"')}`])) ?? [];
  };
  facts.publishes.push(publish);
}
