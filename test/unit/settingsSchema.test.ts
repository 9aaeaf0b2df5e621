/** One description of the settings: VS Code's, the settings file's schema and the CLI's validation agree. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readSettingsFile } from '../../server/src/cli/settingsFile';
import { settingsFileSchema, vscodeConfiguration } from '../../server/src/engine/settingsSchema';

const ROOT = path.join(__dirname, '..', '..', '..');
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, name), 'utf8'));

describe('settings schema', () => {
  it('package.json contributes exactly the generated VS Code settings (npm run schema regenerates them)', () => {
    assert.deepEqual(read('package.json').contributes.configuration, vscodeConfiguration());
  });
  it('schemas/docker-port-safety.schema.json is exactly the generated schema, contributed for .docker-port-safety.json', () => {
    assert.deepEqual(read('schemas/docker-port-safety.schema.json'), settingsFileSchema());
    assert.deepEqual(read('package.json').contributes.jsonValidation, [{ fileMatch: '.docker-port-safety.json', url: './schemas/docker-port-safety.schema.json' }]);
  });

  const problems: [string, string, string[]][] = [
    ['a valid file', '{ "$schema": "x", "bindAddress": "10.8.0.1", "severity": { "unquoted-port": "off" }, "sensitivePorts": { "8080": "admin" }, "maxFileSize": 1000 }', []],
    ['an unknown key', '{\n  "bindAdress": "127.0.0.1"\n}', ['2:3 unknown key "bindAdress" (known: bindAddress, allowedAddresses, severity, sensitivePorts, publicPorts, explicitAllInterfaces, maxFileSize, inlayHints)']],
    ['a wrong type', '{ "allowedAddresses": "10.0.0.1" }', ['1:23 "allowedAddresses" must be an array']],
    ['a wrong item type', '{ "allowedAddresses": [1] }', ['1:24 "allowedAddresses[0]" must be a string']],
    ['an unknown rule', '{ "severity": { "public-bnd": "off" } }', ['1:17 unknown key "severity.public-bnd" (known: public-bind, publish-all, host-network, sensitive-port, invalid-port, unquoted-port, port-conflict)']],
    ['a wrong level', '{ "severity": { "public-bind": "loud" } }', ['1:32 "severity.public-bind" must be one of error, warning, information, hint, off']],
    ['a host name', '{ "bindAddress": "localhost" }', ['1:18 "bindAddress": An IP address such as 127.0.0.1 or ::1; Docker refuses host names such as localhost.']],
    ['a port that is not a number', '{ "sensitivePorts": { "http": "web" } }', ['1:23 "sensitivePorts.http": the key must match ^[0-9]{1,5}$']],
    ['a size below one', '{ "maxFileSize": 0 }', ['1:18 "maxFileSize" must be at least 1']],
    ['not an object', '[]', ['1:1 the settings must be an object']],
    ['broken JSON', '{ "bindAddress": }', ['1:18 invalid JSON: ValueExpected']],
  ];
  for (const [what, text, expected] of problems) {
    it(`the CLI's reading of ${what}`, () => {
      assert.deepEqual(readSettingsFile(text).problems.map((p) => `${p.line}:${p.column} ${p.message}`), expected);
    });
  }
});
