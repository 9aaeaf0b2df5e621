/**
 * JSON the checker thread already wrote (a document's diagnostics, as UTF-8 bytes) goes into the
 * message as it is: parsing it here only for the connection to serialize it again costs two passes
 * over megabytes on every check of a large document. The encoder is vscode-jsonrpc's own extension
 * point for stdio.
 */
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

export class RawJson {
  constructor(readonly bytes: Uint8Array) {}
}

// A marker no document text can forge: it holds a per-process random part.
const MARKER = `\u0000docker-port-safety-raw-${Math.random().toString(36).slice(2)}-`;
/** The marker as JSON.stringify writes it, with its number: `"\u0000docker-port-safety-raw-…-0"`. */
const SERIALIZED_MARKER = new RegExp(`"${JSON.stringify(MARKER).slice(1, -1).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(\\d+)"`, 'g');

/**
 * The message as UTF-8 JSON, with the bytes of each RawJson in its place. A message with one
 * RawJson whose buffer has room around its bytes (see diagnosticsJsonBytes) is written into that
 * buffer, around them: megabytes of diagnostics are not copied once more.
 */
export function encodeMessage(message: Message): Buffer {
  const raws: Uint8Array[] = [];
  const text = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof RawJson) {
      raws.push(value.bytes);
      return `${MARKER}${raws.length - 1}`;
    }
    return value;
  });
  if (raws.length === 0) return Buffer.from(text, 'utf8');
  if (raws.length === 1) {
    const inPlace = aroundInPlace(text, raws[0]);
    if (inPlace) return inPlace;
  }
  const chunks: Uint8Array[] = [];
  let written = 0;
  for (const marker of text.matchAll(SERIALIZED_MARKER)) {
    chunks.push(Buffer.from(text.slice(written, marker.index), 'utf8'), raws[Number(marker[1])]);
    written = marker.index! + marker[0].length;
  }
  chunks.push(Buffer.from(text.slice(written), 'utf8'));
  return Buffer.concat(chunks);
}

export const RAW_AWARE_ENCODER: ContentTypeEncoder = {
  name: 'application/json',
  encode: (message) => Promise.resolve(encodeMessage(message)),
};

/** The message written around `raw` in its own buffer, when the room there is enough. */
function aroundInPlace(text: string, raw: Uint8Array): Buffer | undefined {
  const [marker] = text.matchAll(SERIALIZED_MARKER);
  if (!marker) return undefined;
  const before = Buffer.from(text.slice(0, marker.index), 'utf8');
  const after = Buffer.from(text.slice(marker.index! + marker[0].length), 'utf8');
  const start = raw.byteOffset - before.length;
  const end = raw.byteOffset + raw.byteLength + after.length;
  if (start < 0 || end > raw.buffer.byteLength) return undefined;
  const whole = Buffer.from(raw.buffer, start, end - start);
  before.copy(whole, 0);
  after.copy(whole, before.length + raw.byteLength);
  return whole;
}
