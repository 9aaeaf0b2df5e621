/**
 * k3d config files (`apiVersion: k3d.io/v1alpha5`, `kind: Simple`), as k3d reads them (k3d-io/k3d):
 *
 * - `ports[].port` is `--port` without the node filter: Docker's own `-p` spec, parsed with
 *   `nat.ParsePortSpec` (`pkg/client/ports.go`, `TransformPorts`), so no address means every interface.
 * - `kubeAPI.hostIP` is where the API server (port 6443, `DefaultAPIPort`) is published; empty, or
 *   no `kubeAPI` at all, is `DefaultAPIHost` = `0.0.0.0` (`pkg/config/transform.go`,
 *   `pkg/types/defaults.go`); `kubeAPI.host` only names the server in the kubeconfig. Like kind's
 *   API server (kindCluster.ts), any address that is not loopback opens the Kubernetes API to every
 *   host that can reach it, so a specific `hostIP` is reported too.
 */
import { Document, isMap, isScalar, isSeq, YAMLMap } from 'yaml';
import type { DocumentFacts } from '../../model';
import { UNKNOWN_TEXT } from '../../grammar/publishSpec';
import { resolveNode, scalarText, yamlShortSpec } from '../support/yamlSupport';
import { clusterOwner, addressText, fieldsOf, portNumberText, spanOfNode, toolPublish } from '../kubernetes/portFields';
import { insertAfterPair, replaceScalar } from '../kubernetes/yamlEdits';

export const K3D_API_PORT = '6443';
export const K3D_DEFAULT_API_HOST = '0.0.0.0';

export function readK3dConfig(root: YAMLMap, doc: Document, text: string, facts: DocumentFacts): void {
  const top = fieldsOf(root, doc);
  const nameNode = resolveNode(fieldsOf(root, doc).pairs.get('metadata')?.value, doc);
  const name = isMap(nameNode) ? fieldsOf(nameNode, doc).scalar('name') : undefined;
  const cluster = name ? String(name.value) : undefined;
  readKubeApi(root, doc, text, facts, cluster);

  const ports = resolveNode(top.pairs.get('ports')?.value, doc);
  if (!isSeq(ports)) return;
  for (const item of ports.items) {
    const entry = resolveNode(item, doc);
    if (!isMap(entry)) continue;
    const port = fieldsOf(entry, doc).scalar('port');
    if (!port) continue;
    const written = scalarText(port, text);
    const publish = yamlShortSpec(port, text, written, written, { notes: [], unknownVariables: [], owner: clusterOwner('k3d-cluster', cluster) });
    publish.origin = 'k3d';
    publish.hoverSpan = spanOfNode(entry);
    facts.publishes.push(publish);
  }
}

function readKubeApi(root: YAMLMap, doc: Document, text: string, facts: DocumentFacts, cluster: string | undefined): void {
  const top = fieldsOf(root, doc);
  const kubeApiPair = top.pairs.get('kubeAPI');
  const kubeApi = resolveNode(kubeApiPair?.value, doc);
  const api = isMap(kubeApi) ? fieldsOf(kubeApi, doc) : undefined;
  const hostIp = api?.scalar('hostIP');
  const port = portNumberText(api?.scalar('hostPort'));
  const kindNode = top.scalar('kind')!;
  const anchor = hostIp ?? (kubeApiPair && isScalar(kubeApiPair.key) ? kubeApiPair.key : kindNode);
  const publish = toolPublish(
    { address: hostIp ? addressText(hostIp) : K3D_DEFAULT_API_HOST, hostPort: port === undefined ? UNKNOWN_TEXT : port, containerPort: K3D_API_PORT, protocol: 'tcp' },
    {
      span: spanOfNode(anchor),
      origin: 'k3d',
      written: hostIp ? `kubeAPI.hostIP: ${String(hostIp.value)}` : 'kubeAPI (no hostIP)',
      owner: clusterOwner('k3d-api-server', cluster),
      hostSide: hostIp ? undefined : `every IPv4 interface (${K3D_DEFAULT_API_HOST}): k3d's default when \`kubeAPI.hostIP\` is not set`,
      anyAddressIsPublic: true,
    },
  );
  if (!publish) return;
  publish.rebind = (bind) => {
    if (hostIp) return replaceScalar(hostIp, bind);
    if (isMap(kubeApi) && kubeApi.items.length > 0) return insertAfterPair(text, kubeApi, kubeApi.items[kubeApi.items.length - 1], [`hostIP: "${bind}"`]) ?? [];
    if (kubeApiPair) return [];
    const kindPair = top.pairs.get('kind')!;
    return insertAfterPair(text, root, kindPair, ['kubeAPI:', `hostIP: "${bind}"`]) ?? [];
  };
  facts.publishes.push(publish);
}
