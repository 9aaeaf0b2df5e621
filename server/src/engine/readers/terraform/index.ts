import type { Reader } from '../reader';
import { extractTerraform } from './terraform';

export const terraformReader: Reader<'terraform'> = {
  id: 'terraform',
  title: 'Terraform',
  recognise: {
    // HashiCorp's extension names the language `terraform`; others open .tf files as `hcl`.
    languages: ['terraform'],
    fileName: /\.tf$/i,
    nameUnderLanguages: ['hcl'],
    mayHold: (text) => text.includes('docker_container'),
  },
  editor: { selector: [{ pattern: '**/*.tf' }], activation: ['workspaceContains:**/*.tf'] },
  extract: (text) => extractTerraform(text),
  ignoreComment: 'hash',
  grammars: ['terraform'],
};
