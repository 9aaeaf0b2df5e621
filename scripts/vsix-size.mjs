// Prints the packaged extension's size and contents, so the README can state it.
import { statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const file = process.argv[2];
const bytes = statSync(file).size;
const listing = execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' });
console.log(`${file}: ${(bytes / 1024).toFixed(0)} KiB`);
console.log(listing.trim().split('\n').map((line) => `  ${line}`).join('\n'));
