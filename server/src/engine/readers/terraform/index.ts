import type { Reader } from '../reader';
import { terraformRecognition } from './recognition';
import { extractTerraform } from './terraform';

export const terraformReader: Reader<'terraform'> = {
  id: 'terraform',
  title: 'Terraform',
  recognise: terraformRecognition,
  // .tf has no language in VS Code itself (it opens as plain text without HashiCorp's extension):
  // a workspace that holds one activates too. Activation starts no server (client/src/serverDemand.ts).
  editor: { selector: [{ pattern: '**/*.tf' }], activation: ['onLanguage:terraform', 'onLanguage:hcl', 'workspaceContains:**/*.tf'] },
  extract: (text) => extractTerraform(text),
  ignoreComment: 'hash',
  grammars: ['terraform'],
};
