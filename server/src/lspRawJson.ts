/**
 * JSON the checker thread already wrote (a document's diagnostics) goes into the message as it is:
 * parsing it here only for the connection to serialize it again costs two passes over megabytes on
 * every check of a large document. The encoder is vscode-jsonrpc's own extension point for stdio.
 */
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

export class RawJson {
  constructor(readonly json: string) {}
}

// A marker no document text can forge: it holds a per-process random part.
const MARKER = `\u0000docker-port-safety-raw-${Math.random().toString(36).slice(2)}-`;
/** The marker as JSON.stringify writes it, with its number: `"\u0000docker-port-safety-raw-…-0"`. */
const SERIALIZED_MARKER = new RegExp(`"${JSON.stringify(MARKER).slice(1, -1).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(\\d+)"`, 'g');

export function serializeMessage(message: Message): string {
  const raws: string[] = [];
  const text = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof RawJson) {
      raws.push(value.json);
      return `${MARKER}${raws.length - 1}`;
    }
    return value;
  });
  if (raws.length === 0) return text;
  return text.replace(SERIALIZED_MARKER, (_, n: string) => raws[Number(n)]);
}

export const RAW_AWARE_ENCODER: ContentTypeEncoder = {
  name: 'application/json',
  encode: (message) => Promise.resolve(Buffer.from(serializeMessage(message), 'utf8')),
};
