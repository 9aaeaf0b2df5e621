// The trees `npm run bench -- cli` runs the CLI over, beside `rg -l`.
//
// - `writeLikeRealTree` follows six public repositories checked out side by side (compose samples,
//   a voting-app demo, a monitoring app, an image's build files, a container UI, a reverse proxy):
//   about 7,900 files and 60 MB, of which ~7 % are what the CLI parses (Markdown pages, Compose
//   files, Dockerfiles, scripts, workflows), the rest source code, configuration YAML and JSON,
//   and images; .gitignore files at each root and a long nested one; folders they ignore.
// - `writeDenseTree` is the unkind case: 6,000 small files of which a third are Docker files and
//   a fifth of the pages show `docker run` and a compose file.
//
// Both are generated from a fixed seed, so every run measures the same tree.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small deterministic generator (mulberry32): the same tree on every run. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

function writer(root) {
  let bytes = 0;
  let files = 0;
  return {
    write(name, content) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), content);
      bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
      files++;
    },
    get bytes() {
      return bytes;
    },
    get files() {
      return files;
    },
  };
}

const WORDS = 'the service runs in a container and reads its settings from the environment then logs to standard output while the proxy routes requests by host name to each backend with health checks retries and timeouts configured per route'.split(' ');
const IMAGES = ['nginx:1.27', 'postgres:16', 'redis:7-alpine', 'traefik:v3.1', 'mysql:8.4', 'grafana/grafana', 'node:20-alpine', 'python:3.12-slim', 'mongo:7', 'adminer'];

function sentence(r) {
  const words = Array.from({ length: r.int(8, 22) }, () => r.pick(WORDS));
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

function paragraph(r, mentionDocker) {
  const sentences = Array.from({ length: r.int(2, 6) }, () => sentence(r));
  if (mentionDocker) sentences.splice(r.int(0, sentences.length), 0, r.pick(['Install Docker Engine first.', 'The Docker image is published on every release.', 'See the docker documentation for volumes.', 'Podman works as well.']));
  return sentences.join(' ');
}

/** A `docker run` as documentation writes it: one line or continued with backslashes, sometimes behind a prompt. */
function dockerRun(r, prompt) {
  const host = r.pick(['', '', '127.0.0.1:', '0.0.0.0:']);
  const port = r.pick([80, 443, 3000, 5432, 6379, 8080, 8000, 9000, 3306]);
  const published = `${host}${r.pick([port, port + 1000, 8080])}:${port}`;
  const image = r.pick(IMAGES);
  const p = prompt ? '$ ' : '';
  if (r.chance(0.5)) return `${p}docker run -d -p ${published} --name app${r.int(1, 99)} ${image}`;
  return [`${p}docker run -d \\`, `  --name app${r.int(1, 99)} \\`, `  -p ${published} \\`, `  -v data:/var/lib/data \\`, `  -e TZ=UTC \\`, `  ${image}`].join('\n');
}

function composeText(r, services) {
  const lines = [];
  if (r.chance(0.3)) lines.push(`version: "3.${r.int(7, 9)}"`, '');
  lines.push('services:');
  for (let s = 0; s < services; s++) {
    const image = r.pick(IMAGES);
    lines.push(`  ${image.split(/[/:]/)[0].replace(/\W/g, '')}${s}:`, `    image: ${image}`);
    if (r.chance(0.3)) lines.push('    restart: unless-stopped');
    if (r.chance(0.55)) {
      lines.push('    ports:');
      for (let k = r.int(1, 2); k > 0; k--) {
        const port = r.pick([80, 443, 3000, 5432, 8080, 9000]);
        const host = r.pick(['', '', '127.0.0.1:', '${BIND:-127.0.0.1}:']);
        lines.push(r.chance(0.3) ? `      - ${host}${port}:${port}` : `      - "${host}${r.pick([port, port + 10000])}:${port}"`);
      }
    } else if (r.chance(0.3)) lines.push('    expose:', `      - "${r.pick([3000, 8080])}"`);
    if (r.chance(0.6)) lines.push('    environment:', `      - TZ=UTC`, `      - LOG_LEVEL=${r.pick(['info', 'debug'])}`);
    if (r.chance(0.5)) lines.push('    volumes:', `      - data${s}:/data`);
    if (s > 0 && r.chance(0.4)) lines.push('    depends_on:', `      - ${lines[lines.indexOf('services:') + 1].trim().replace(':', '')}`);
  }
  if (lines.some((l) => l.startsWith('      - data'))) lines.push('', 'volumes:', ...Array.from({ length: services }, (_, s) => `  data${s}:`));
  return lines.join('\n') + '\n';
}

/** Configuration blocks documentation shows besides Compose: plain settings, a proxy's routes, Kubernetes objects. */
function configBlock(r) {
  const roll = r.next();
  if (roll < 0.5) return ['```yaml', ...Array.from({ length: r.int(3, 14) }, (_, i) => `${i % 3 ? '  ' : ''}${r.pick(WORDS)}${i}: ${r.pick(['true', '"value"', r.int(1, 900)])}`), '```'];
  if (roll < 0.75) {
    return ['```yaml', 'http:', '  routers:', `    ${r.pick(WORDS)}:`, '      rule: "Host(`example.com`)"', `      service: ${r.pick(WORDS)}`, '  services:', `    ${r.pick(WORDS)}:`, '      loadBalancer:', '        servers:', `          - url: "http://127.0.0.1:${r.int(3000, 9000)}"`, '```'];
  }
  return ['```yaml', 'apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${r.pick(WORDS)}`, 'spec:', '  ports:', `    - port: ${r.pick([80, 443, 8080])}`, `      targetPort: ${r.int(3000, 9000)}`, '  selector:', `    app: ${r.pick(WORDS)}`, '```'];
}

/**
 * A documentation page: prose and code blocks (real pages hold about four, and two or three YAML
 * blocks, most of them not Compose), and by its kind `docker run` commands or compose files.
 */
function markdownPage(r, kind, length) {
  const parts = linesOf(length);
  parts.push(`# ${sentence(r).slice(0, 40)}`, '');
  let docker = kind !== 'plain';
  while (!parts.full) {
    parts.push(paragraph(r, docker && r.chance(0.3)), '');
    const roll = r.next();
    if (kind === 'commands' && roll < 0.25) {
      const prompt = r.chance(0.4);
      parts.push(prompt ? '```console' : r.pick(['```bash', '```sh', '```shell', '```']), dockerRun(r, prompt), r.chance(0.5) ? `${prompt ? '$ ' : ''}docker logs -f app` : '', '```', '');
    } else if (kind === 'compose' && roll < 0.2) parts.push(r.pick(['```yaml', '```yml']), composeText(r, r.int(1, 3)).trimEnd(), '```', '');
    else if (roll < 0.5) parts.push(...configBlock(r), '');
    else if (roll < 0.6) parts.push(r.pick(['```bash', '```shell', '```console']), `${r.pick(['$ ', ''])}${r.pick(['curl -s http://localhost:8080/health', 'kubectl apply -f deploy.yaml', 'make build && make test', 'helm install proxy ./chart'])}`, '```', '');
    else if (roll < 0.72) parts.push(r.pick(['```go', '```json', '```toml', '```js']), ...Array.from({ length: r.int(3, 12) }, () => `  ${r.pick(WORDS)} = "${r.pick(WORDS)}"`), '```', '');
    else if (roll < 0.8) parts.push(...Array.from({ length: r.int(3, 8) }, () => `- ${sentence(r)}`), '');
    docker = docker && r.chance(0.9);
  }
  return parts.text();
}

/** Lines pushed until their text is about `length` long. */
function linesOf(length) {
  const lines = [];
  let size = 0;
  return {
    lines,
    push(...more) {
      for (const line of more) size += line.length + 1;
      lines.push(...more);
    },
    get full() {
      return size >= length;
    },
    text: () => lines.join('\n'),
  };
}

function sourceFile(r, extension, length, mentionDocker) {
  const lines = linesOf(length);
  if (extension === 'go') lines.push('package main', '', 'import "fmt"', '');
  let n = 0;
  while (!lines.full) {
    n++;
    if (extension === 'go') lines.push(`func handle${n}(value int) int {`, ...Array.from({ length: r.int(3, 12) }, () => `\tvalue = value*${r.int(2, 9)} + ${r.int(1, 99)} // ${r.pick(WORDS)} ${r.pick(WORDS)}`), '\treturn value', '}', '');
    else lines.push(`export function handle${n}(value: number): number {`, ...Array.from({ length: r.int(3, 12) }, () => `  value = value * ${r.int(2, 9)} + ${r.int(1, 99)}; // ${r.pick(WORDS)} ${r.pick(WORDS)}`), '  return value;', '}', '');
    if (mentionDocker && n === 2) lines.push(extension === 'go' ? '// The docker client talks to the engine over its socket.' : "const DOCKER_SOCKET = '/var/run/docker.sock';", '');
  }
  return lines.text();
}

/** Bytes for images: text tools read them, the CLI never opens them (their names say nothing). */
const NOISE = (() => {
  const r = random(7);
  return Buffer.from(Array.from({ length: 60000 }, () => r.int(0, 255)));
})();

const I18N_KEYS = Array.from({ length: 400 }, (_, i) => `key${i}`);

/**
 * A tree following six real repositories (see the top of this file). Per project: a .gitignore,
 * sources (a sixth of them mentioning Docker), configuration, docs, Compose files, Dockerfiles,
 * scripts and workflows, and build output the .gitignore skips.
 */
export function writeLikeRealTree(root) {
  const out = writer(root);
  const r = random(20261129);
  const projects = ['proxy', 'compose-samples', 'monitor', 'image-build', 'container-ui', 'voting'];
  // Files per project, in the six repositories' proportions (about 7,900 in all).
  const counts = { source: 1050, yaml: 95, json: 50, images: 33, pages: 47, compose: 17, dockerfiles: 13, scripts: 9, workflows: 8, ignored: 40 };
  for (const [p, project] of projects.entries()) {
    out.write(`${project}/.gitignore`, ['node_modules/', 'dist/', 'build/', 'coverage/', '*.log', '.env', '.env.*', '!.env.example', '*.tmp', '.DS_Store', 'vendor/', 'tmp/', '*.swp', '.idea/', '.vscode/', '/bin/', '*.test', '*.out', 'site/', '__pycache__/'].join('\n') + '\n');
    for (let i = 0; i < counts.source; i++) {
      const extension = r.pick(['ts', 'ts', 'go', 'go', 'js', 'tsx']);
      out.write(`${project}/src/${r.pick(['api', 'core', 'ui', 'store', 'util', 'server'])}/m${i % 37}/file${i}.${extension}`, sourceFile(r, extension, r.int(1500, 16000), r.chance(0.16)));
    }
    for (let i = 0; i < counts.yaml; i++) {
      const locale = i % 3 === 0;
      out.write(locale ? `${project}/src/lang/${i}.yml` : `${project}/config/${r.pick(['app', 'ci', 'lint', 'deploy'])}${i}.yaml`, locale ? I18N_KEYS.slice(0, r.int(40, 400)).map((k) => `${k}: "${sentence(r)}"`).join('\n') + '\n' : `name: ${project}-${i}\nreplicas: ${r.int(1, 5)}\nresources:\n  cpu: ${r.int(1, 4)}\n  memory: ${r.int(1, 8)}Gi\nlabels:\n  team: ${r.pick(WORDS)}\n`);
    }
    for (let i = 0; i < counts.json; i++) out.write(`${project}/src/lang/${i}.json`, JSON.stringify(Object.fromEntries(I18N_KEYS.slice(0, r.int(20, 300)).map((k) => [k, sentence(r)])), null, 2));
    for (let i = 0; i < counts.images; i++) out.write(`${project}/docs/images/shot${i}.png`, NOISE.subarray(0, r.int(2000, 60000)));
    for (let i = 0; i < counts.pages; i++) {
      // A third of the pages mention Docker; of those, half show commands and a third a compose file.
      const roll = r.next();
      const kind = roll < 0.16 ? 'commands' : roll < 0.27 ? 'compose' : roll < 0.33 ? 'mentions' : 'plain';
      const size = r.next();
      const length = size < 0.1 ? r.int(20000, 60000) : size < 0.3 ? r.int(6000, 20000) : r.int(1500, 6000);
      out.write(i === 0 ? `${project}/README.md` : `${project}/docs/${r.pick(['guide', 'reference', 'install', 'ops'])}/page${i}.md`, markdownPage(r, kind, length));
    }
    // One long changelog per repository that has one.
    if (p % 2 === 0) out.write(`${project}/CHANGELOG.md`, markdownPage(r, 'mentions', p === 0 ? 400000 : 120000));
    for (let i = 0; i < counts.compose; i++) {
      const dir = i === 0 ? project : `${project}/${r.pick(['deploy', 'examples', 'samples'])}/${r.pick(WORDS)}${i}`;
      out.write(`${dir}/${r.pick(['compose.yaml', 'docker-compose.yml', 'docker-compose.yaml', 'compose.yml'])}`, composeText(r, r.int(1, 6)));
      if (r.chance(0.2)) out.write(`${dir}/.env`, `BIND=127.0.0.1\nTZ=UTC\n`);
      if (i > 0 && r.chance(0.3)) out.write(`${dir}/.gitignore`, 'node_modules/\n*.db\ndata/\n');
    }
    for (let i = 0; i < counts.dockerfiles; i++) {
      out.write(`${project}/${i === 0 ? '' : `${r.pick(['containers', 'images', 'docker'])}/${r.pick(WORDS)}-${i}/`}Dockerfile`, `FROM node:20-alpine AS build\nWORKDIR /src\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM ${r.pick(IMAGES)}\nCOPY --from=build /src/dist /app\nENV PORT=${r.pick([3000, 8080])}\nEXPOSE $PORT${r.chance(0.2) ? ' 22' : ''}\nCMD ["node", "/app/server.js"]\n`);
    }
    for (let i = 0; i < counts.scripts; i++) {
      // Real scripts are a few kilobytes: functions, conditionals, and in a third of them containers.
      const lines = linesOf(r.int(1000, 6000));
      lines.push('#!/usr/bin/env bash', 'set -euo pipefail', '');
      const runsDocker = r.chance(0.4);
      for (let f = 0; !lines.full; f++) {
        lines.push(`step_${f}() {`, `  echo "${sentence(r)}"`, `  if [ -n "\${DEBUG:-}" ]; then`, '    set -x', '  fi');
        if (runsDocker && r.chance(0.4)) lines.push(...dockerRun(r, false).split('\n').map((l) => `  ${l}`));
        else lines.push(`  ${r.pick(['cp -r build/ "$OUT"', 'npm ci --prefer-offline', 'go build ./...', 'tar czf out.tgz dist'])}`);
        lines.push('}', '');
      }
      lines.push('step_0 "$@"');
      out.write(`${project}/scripts/${r.pick(['build', 'release', 'entrypoint', 'test'])}${i}${r.chance(0.3) ? '' : '.sh'}`, `${lines.text()}\n`);
    }
    for (let i = 0; i < counts.workflows; i++) {
      const container = i % 4 === 0 ? `    services:\n      db:\n        image: postgres:16\n        ports:\n          - 5432:5432\n` : '';
      const dockerStep = i % 3 === 0 ? `      - run: docker run -d -p 6379:6379 redis:7\n` : '';
      const image = i % 2 === 0 ? `  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/setup-buildx-action@v3\n      - uses: docker/login-action@v3\n        with:\n          username: \${{ secrets.USER }}\n          password: \${{ secrets.TOKEN }}\n      - name: Build\n        run: |\n          docker build -t app:\${{ github.sha }} .\n          docker push app:\${{ github.sha }}\n` : '';
      out.write(`${project}/.github/workflows/ci${i}.yml`, `name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n${container}    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n${dockerStep}      - run: npm ci && npm test\n${image}`);
    }
    // Build output and dependencies the .gitignore (or the walk itself) skips: neither tool reads them.
    for (let i = 0; i < counts.ignored; i++) {
      out.write(`${project}/${r.pick(['dist', 'node_modules/pkg', 'coverage', 'build'])}/f${i}.${r.pick(['js', 'sh', 'yml', 'md'])}`, `docker run -p ${i}:${i} ignored\n`);
    }
  }
  // A nested .gitignore as long as the ones IDE templates write.
  out.write(`${projects[1]}/dotnet/app/.gitignore`, Array.from({ length: 180 }, (_, i) => (i % 7 === 0 ? `# section ${i}` : `${r.pick(['*.', '**/', '[Bb]in/', 'obj/', '*.user.'])}${r.pick(WORDS)}${i}${r.pick(['', '/', '.cache'])}`)).join('\n') + '\n');
  for (let i = 0; i < 60; i++) out.write(`${projects[1]}/dotnet/app/src/f${i}.cs`, sourceFile(r, 'ts', 3000, false));
  return { files: out.files, bytes: out.bytes };
}

/** The unkind case (see the top of this file): 6,000 small files, a third of them Docker files. */
export function writeDenseTree(root) {
  const out = writer(root);
  const prose = (i) => `The service ${i} runs in a container. ${'It reads its settings from the environment and logs to standard output. '.repeat(8)}\n`;
  for (let i = 0; i < 6000; i++) {
    const dir = `project${i % 6}/${['docs', 'src', 'deploy', 'examples', 'lib'][i % 5]}/part${i % 17}`;
    const r = i % 20;
    if (r === 0) out.write(`${dir}/README${i}.md`, `# Part ${i}\n\n${prose(i)}\n\`\`\`bash\ndocker build -t part${i} .\ndocker run -d -p ${40000 + (i % 20000)}:80 part${i}\n\`\`\`\n\n${prose(i)}\n\`\`\`yaml\nservices:\n  part${i}:\n    image: part${i}\n    ports:\n      - "127.0.0.1:8080:80"\n\`\`\`\n`);
    else if (r === 1) out.write(`${dir}/guide${i}.md`, `# Guide ${i}\n\n${prose(i).repeat(3)}Install Docker first; see the docker documentation.\n\n\`\`\`console\n$ make test\n\`\`\`\n`);
    else if (r === 2) out.write(`${dir}/docker-compose.${i}.yml`, `services:\n${Array.from({ length: 6 }, (_, k) => `  svc${k}:\n    image: example/${k}\n    ports:\n      - "${20000 + k}:80"\n    environment:\n      - MODE=prod\n`).join('')}`);
    else if (r === 3) out.write(`${dir}/deploy${i}.sh`, `#!/usr/bin/env bash\nset -euo pipefail\n${'echo "deploying" && ./build.sh\n'.repeat(10)}docker run -d -p ${41000 + (i % 20000)}:80 app\n`);
    else if (r === 4) out.write(`${dir}/Dockerfile.${i}`, `FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE ${3000 + (i % 100)}\nCMD ["node", "server.js"]\n`);
    else if (r === 5) out.write(`${dir}/.github/workflows/ci${i}.yml`, `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n`);
    else if (r === 6) out.write(`${dir}/notes${i}.md`, `# Notes ${i}\n\n${prose(i).repeat(4)}`);
    else if (r === 7) out.write(`${dir}/config${i}.yaml`, `name: part${i}\nreplicas: 3\nresources:\n  cpu: 1\n`);
    else out.write(`${dir}/module${i}.ts`, `export function part${i}(value: number): number {\n${'  value = value * 2 + 1;\n'.repeat(40)}  return value;\n}\n`);
  }
  return { files: out.files, bytes: out.bytes };
}

/**
 * The unkind case of the CLI's two threads: 1,500 pages that all show a Compose file beside their
 * `docker run`, and 50 Compose files. Every page is one the worker hands to the main thread (the one
 * warm for YAML), so the main thread has all the work until the worker takes back what it has not
 * started (parallelCheck.ts).
 */
export function writeComposePagesTree(root) {
  const out = writer(root);
  for (let i = 0; i < 1500; i++) {
    out.write(`docs/part${i % 30}/page${i}.md`, `# Part ${i}\n\nRun it:\n\n\`\`\`console\n$ docker run -d -p ${40000 + i}:80 part${i}\n\`\`\`\n\nOr with Compose:\n\n\`\`\`yaml\nservices:\n  part${i}:\n    image: part${i}\n    ports:\n      - "${20000 + i}:80"\n\`\`\`\n`);
  }
  for (let i = 0; i < 50; i++) out.write(`deploy/app${i}/compose.yaml`, `services:\n  app:\n    image: app${i}\n    ports:\n      - "${30000 + i}:80"\n`);
  return { files: out.files, bytes: out.bytes };
}

/** One ordinary source file of about `length` bytes: functions, and the odd line that says docker in passing. */
function ordinarySource(r, extension, length, mention) {
  const lines = linesOf(length);
  const python = extension === 'py';
  const go = extension === 'go';
  if (python) lines.push('"""Request handlers and their helpers."""', 'import json', 'import logging', '');
  if (go) lines.push('package handlers', '', 'import "fmt"', '');
  for (let n = 1; !lines.full; n++) {
    const body = Array.from({ length: r.int(3, 12) }, () => `value = value * ${r.int(2, 9)} + ${r.int(1, 99)}`);
    if (python) lines.push(`def handle_${n}(value, retries=${r.int(1, 5)}):`, `    """${sentence(r)}"""`, ...body.map((l) => `    ${l}  # ${r.pick(WORDS)}`), '    return value', '', '');
    else if (go) lines.push(`func handle${n}(value int) int {`, ...body.map((l) => `\t${l} // ${r.pick(WORDS)}`), '\treturn value', '}', '');
    else lines.push(`export function handle${n}(value${extension === 'js' ? '' : ': number'}) {`, ...body.map((l) => `  ${l}; // ${r.pick(WORDS)}`), '  return value;', '}', '');
    if (n === 2 && mention === 'comment') lines.push(python ? '# Runs the same way on the host and inside docker.' : go ? '// The docker image runs this with the defaults.' : '// docker compose starts this beside the database.');
    if (n === 2 && mention === 'string') lines.push(python ? 'DOCKER_SOCKET = "unix:///var/run/docker.sock"' : go ? 'var dockerSocket = "/var/run/docker.sock"' : "const DOCKER_SOCKET = '/var/run/docker.sock';", '');
  }
  return `${lines.text()}\n`;
}

/**
 * Thousands of ordinary source files and nothing else: Python, JavaScript, TypeScript and Go, none
 * of them using Docker, one in ten saying `docker` in a comment or a string, a few large ones (a
 * vendored bundle). What the code readers cost where they find nothing: every file is opened once.
 */
export function writeSourceTree(root) {
  const out = writer(root);
  const r = random(20261206);
  const extensions = ['py', 'py', 'py', 'js', 'ts', 'ts', 'go', 'go'];
  out.write('.gitignore', 'node_modules/\ndist/\n__pycache__/\n');
  for (let i = 0; i < 8000; i++) {
    const extension = r.pick(extensions);
    const size = r.next();
    const length = size < 0.002 ? r.int(300000, 900000) : size < 0.1 ? r.int(16000, 60000) : r.int(800, 12000);
    const roll = r.next();
    const mention = roll < 0.05 ? 'comment' : roll < 0.1 ? 'string' : undefined;
    out.write(`${r.pick(['app', 'lib', 'services', 'tools'])}/${r.pick(['api', 'core', 'store', 'util', 'jobs'])}/m${i % 41}/file${i}.${extension}`, ordinarySource(r, extension, length, mention));
  }
  return { files: out.files, bytes: out.bytes };
}
