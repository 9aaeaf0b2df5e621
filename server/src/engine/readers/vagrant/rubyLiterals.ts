import type { Node } from '@vscode/tree-sitter-wasm';

/** A Ruby string without interpolation or escapes, or a symbol's name. */
export function literal(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'simple_symbol') return node.text.slice(1);
  if (node.type === 'hash_key_symbol') return node.text;
  if (node.type !== 'string') return undefined;
  const parts = node.namedChildren;
  if (parts.some((p) => p?.type !== 'string_content')) return undefined;
  return parts.map((p) => p!.text).join('');
}
