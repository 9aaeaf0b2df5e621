/** Trees of files for the tests of the built CLI and the GitHub Action. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes `files` (path → text) into a new temporary folder named with `prefix`; returns the folder. */
export function writeTree(files: Record<string, string>, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function page(i: number): string {
  const prose = `Part ${i} runs in a container; the docker documentation explains more.\n\n`;
  switch (i % 4) {
    case 0:
      return `# Part ${i}\n\n${prose}\`\`\`console\n$ docker run -d -p ${8000 + i}:80 --name part${i} nginx\n\`\`\`\n`;
    case 1:
      return `# Part ${i}\n\n${prose}\`\`\`yaml\nservices:\n  web${i}:\n    image: nginx\n    ports:\n      - ${9000 + i}:80\n      - "127.0.0.1:${9500 + i}:80"\n\`\`\`\n`;
    case 2:
      return `# Part ${i}\n\n${prose}    docker run -P --network host app${i}\n`;
    default:
      return `# Part ${i}\n\n${prose}`;
  }
}

/**
 * A workspace large enough to be checked on two threads (run.ts's PARALLEL_FROM): every kind the
 * walk finds, with and without findings, and three pages larger than its maxFileSize (4,000 bytes).
 */
export function largeTree(): Record<string, string> {
  const files: Record<string, string> = {};
  const write = (name: string, text: string) => {
    files[name] = text;
  };
  for (let i = 0; i < 120; i++) write(`docs/part${i % 7}/page${i}.md`, page(i));
  for (let i = 0; i < 60; i++) {
    write(`deploy/app${i}/compose.yaml`, `services:\n  app:\n    image: app${i}\n    ports:\n      - "${i % 3 === 0 ? '' : '0.0.0.0:'}${7000 + i}:${i % 5 === 0 ? 22 : 80}"\n    network_mode: ${i % 9 === 0 ? 'host' : 'bridge'}\n`);
  }
  for (let i = 0; i < 40; i++) write(`scripts/run${i}.sh`, `#!/bin/sh\nset -e\ndocker run -d -p ${6000 + i}:${6000 + i} tool${i}\n${i % 2 ? 'podman run -p 127.0.0.1:5000:5000 registry\n' : ''}`);
  for (let i = 0; i < 30; i++) write(`images/svc${i}/Dockerfile`, `FROM alpine\nEXPOSE ${i % 4 === 0 ? 22 : 8080}\n`);
  for (let i = 0; i < 20; i++) write(`.github/workflows/ci${i}.yml`, `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker run -d -p ${5000 + i}:5432 postgres\n`);
  // Larger than maxFileSize: reported on standard error, not checked.
  for (let i = 0; i < 3; i++) write(`docs/big${i}.md`, `${'docker run -p 1:1 big\n'.repeat(400)}`);
  write('.docker-port-safety.json', JSON.stringify({ maxFileSize: 4000 }));
  return files;
}
