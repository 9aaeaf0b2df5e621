/** The language server in a web worker (VS Code for the Web): dist/web/server.js. */
// The platform first: server.ts takes it when it loads.
import './browserPlatform';
import './server';
