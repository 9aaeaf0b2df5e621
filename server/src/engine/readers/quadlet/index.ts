import type { Reader } from '../reader';
import { extractQuadlet } from './quadlet';

export const quadletReader: Reader<'quadlet'> = {
  id: 'quadlet',
  title: 'Podman Quadlet',
  recognise: {
    /** Podman Quadlet units that run containers. */
    fileName: /\.(?:container|pod|kube)$/i,
    // Quadlet units have no language of their own: they open as ini, systemd or plain text.
    nameUnderLanguages: 'any',
  },
  editor: {
    selector: [{ pattern: '**/*.{container,pod,kube}' }],
    activation: ['onLanguage:ini', 'onLanguage:systemd-unit-file', 'workspaceContains:**/*.{container,pod,kube}'],
  },
  extract: (text) => extractQuadlet(text),
  ignoreComment: 'hash',
};
