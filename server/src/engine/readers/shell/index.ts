import type { Reader } from '../reader';
import { heredocsOf } from '../kubernetes/heredocs';
import { incrementalShell, readShell } from './readShell';

/** A script is its own shell view. */
const wholeText = (text: string) => text;

/** A script without an extension is a shell script when its first line says so. */
export function hasShellShebang(firstLine: string): boolean {
  return /^#!\s*\S*\/(?:env\s+(?:-\S+\s+)*)?(?:ba|z|k|da)?sh\b/.test(firstLine);
}

export const shellReader: Reader<'shell'> = {
  id: 'shell',
  title: 'Shell',
  recognise: {
    languages: ['shellscript', 'sh', 'bash', 'zsh'],
    fileName: /\.(?:sh|bash|zsh|ksh)$/i,
    firstLine: hasShellShebang,
  },
  editor: { selector: [{ language: 'shellscript' }], activation: ['onLanguage:shellscript'] },
  extract: (text) => readShell(text, 'shell', wholeText),
  incremental: incrementalShell('shell', wholeText),
  // `kind create cluster --config - <<EOF`: a cluster config or a manifest in a here-document.
  embedded: heredocsOf('shell', wholeText),
  ignoreComment: 'hash',
  usesBashGrammar: true,
};
