#!/usr/bin/env node
/** `node dist/server.js --stdio` (or `--node-ipc`): the language server under Node. */
// The platform first: server.ts takes it when it loads.
import './nodePlatform';
import './server';
import { tuneForServer } from '../runtime/v8Flags';

// Before the first document loads a grammar (see runtime/v8Flags.ts).
tuneForServer();
