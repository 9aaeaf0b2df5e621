/**
 * Reads `.docker-port-safety.json` strictly: a syntax error, an unknown key or a value of the wrong
 * type is reported with the file, line, column and key, and nothing is ignored silently. The rules
 * are the settings' one description (settingsSchema.ts), the same the editor validates with.
 */
import { getNodeValue, Node, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import { LineIndex } from '../engine/positions';
import { SchemaNode, settingsFileSchema } from '../engine/settingsSchema';

export interface SettingsFileProblem {
  line: number;
  column: number;
  message: string;
}

export function readSettingsFile(text: string): { values: Record<string, unknown>; problems: SettingsFileProblem[] } {
  const index = new LineIndex(text);
  const at = (offset: number, message: string): SettingsFileProblem => {
    const position = index.position(offset);
    return { line: position.line + 1, column: position.character + 1, message };
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    return { values: {}, problems: errors.length > 0 ? errors.map((e) => at(e.offset, `invalid JSON: ${printParseErrorCode(e.error)}`)) : [at(0, 'the file is empty')] };
  }
  const problems: SettingsFileProblem[] = [];
  validate(root, settingsFileSchema() as SchemaNode, '', (node, message) => problems.push(at(node.offset, message)));
  return { values: problems.length === 0 ? (getNodeValue(root) as Record<string, unknown>) : {}, problems };
}

type Report = (node: Node, message: string) => void;

const KIND: Record<string, string> = { string: 'a string', number: 'a number', array: 'an array', object: 'an object', boolean: 'true or false' };

function validate(node: Node, schema: SchemaNode, path: string, report: Report): void {
  const name = path === '' ? 'the settings' : `"${path}"`;
  if (schema.type && jsonType(node) !== schema.type) {
    report(node, `${name} must be ${KIND[schema.type]}`);
    return;
  }
  if (schema.enum && !schema.enum.includes(node.value)) report(node, `${name} must be one of ${schema.enum.join(', ')}`);
  if (schema.pattern && typeof node.value === 'string' && !new RegExp(schema.pattern).test(node.value)) {
    report(node, `${name}: ${schema.patternErrorMessage ?? `must match ${schema.pattern}`}`);
  }
  if (schema.minimum !== undefined && typeof node.value === 'number' && node.value < schema.minimum) report(node, `${name} must be at least ${schema.minimum}`);
  if (node.type === 'array' && schema.items) node.children?.forEach((item, i) => validate(item, schema.items!, `${path}[${i}]`, report));
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode || !valueNode) continue;
      const key = String(keyNode.value);
      const keyPath = path === '' ? key : `${path}.${key}`;
      const known = schema.properties?.[key];
      if (known) validate(valueNode, known, keyPath, report);
      else if (schema.additionalProperties === false || schema.additionalProperties === undefined && schema.properties) {
        report(keyNode, `unknown key "${keyPath}"${schema.properties ? ` (known: ${Object.keys(schema.properties).filter((k) => k !== '$schema').join(', ')})` : ''}`);
      } else if (schema.additionalProperties) {
        if (schema.propertyNames && !new RegExp(schema.propertyNames.pattern).test(key)) report(keyNode, `"${keyPath}": the key must match ${schema.propertyNames.pattern}`);
        validate(valueNode, schema.additionalProperties, keyPath, report);
      }
    }
  }
}

function jsonType(node: Node): string {
  return node.type === 'null' ? 'null' : node.type;
}
