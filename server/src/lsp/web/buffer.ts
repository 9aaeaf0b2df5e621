/** `Buffer` in the web build (esbuild's inject): the npm package made to be Node's Buffer in browsers. */
export { Buffer } from 'buffer';
