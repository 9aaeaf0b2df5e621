import type { Recognition } from '../reader';

/** How a Terraform file is recognised; light (no parser) so the extension's client shares it (readers/sourceCode.ts). */
export const terraformRecognition: Recognition = {
  // HashiCorp's extension names the language `terraform`; others open .tf files as `hcl`.
  languages: ['terraform'],
  fileName: /\.tf$/i,
  nameUnderLanguages: ['hcl'],
  mayHold: (text) => text.includes('docker_container'),
  words: ['docker_container'],
};
