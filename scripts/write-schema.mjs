// `npm run schema`: writes the VS Code settings into package.json and the JSON Schema of
// .docker-port-safety.json into schemas/, both from server/src/settingsSchema.ts (compiled to out/).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { settingsFileSchema, vscodeConfiguration } = require('../out/server/src/engine/settingsSchema.js');

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
manifest.contributes.configuration = vscodeConfiguration();
writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
mkdirSync('schemas', { recursive: true });
writeFileSync('schemas/docker-port-safety.schema.json', `${JSON.stringify(settingsFileSchema(), null, 2)}\n`);
