/**
 * The file's place on owners: the Compose project of a service (named as compose-go names it) and
 * the build stage of a Dockerfile's EXPOSE; hovers word them, and the port map tells projects apart.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { extractFacts, ruleContext } from '../../server/src/engine/analyze';
import { IncrementalExtractor } from '../../server/src/engine/incremental/incremental';
import { describeOwnerInPlace } from '../../server/src/engine/describe';
import { hoverAt } from '../../server/src/engine/hover';
import { sameOwner } from '../../server/src/engine/model';
import { buildPortMap } from '../../server/src/engine/portMap';
import { composeProjectName, normalizeProjectName } from '../../server/src/engine/project';
import { besideFile, checkText } from '../../server/src/workspace/checkFile';
import { findFiles } from '../../server/src/workspace/files';
import { URI } from '../../server/src/workspace/uri';
import { settingsWith } from '../support/engine';
import { writeTree } from '../support/trees';

const SERVICE = 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n';

// compose-go cli/options.go withNamePrecedenceLoad and loader/loader.go projectName, NormalizeProjectName.
const PROJECTS: { name: string; texts: string[]; environment?: Record<string, string>; folder: string; project: string | undefined }[] = [
  { name: 'the folder, normalised', texts: [SERVICE], folder: '/w/My App.v2', project: 'myappv2' },
  { name: 'a folder with nothing Compose accepts names nothing', texts: [SERVICE], folder: '/w/_é_', project: undefined },
  { name: 'name: wins over the folder, normalised', texts: [`name: "Shop_Front"\n${SERVICE}`], folder: '/w/app', project: 'shop_front' },
  { name: 'name: is interpolated from .env', texts: [`name: \${STACK}-web # comment\n${SERVICE}`], environment: { STACK: 'prod' }, folder: '/w/app', project: 'prod-web' },
  { name: 'name: from a variable not set here is unknown, not the folder', texts: [`name: \${STACK}\n${SERVICE}`], folder: '/w/app', project: undefined },
  { name: 'the override file is read last: its name: wins', texts: [`name: base\n${SERVICE}`, 'name: over\n'], folder: '/w/app', project: 'over' },
  { name: 'an override without name: keeps the base name', texts: [`name: base\n${SERVICE}`, 'services: {}\n'], folder: '/w/app', project: 'base' },
  { name: 'COMPOSE_PROJECT_NAME in .env wins over name:', texts: [`name: base\n${SERVICE}`], environment: { COMPOSE_PROJECT_NAME: 'from_env' }, folder: '/w/app', project: 'from_env' },
  { name: 'a COMPOSE_PROJECT_NAME Compose refuses names nothing', texts: [SERVICE], environment: { COMPOSE_PROJECT_NAME: 'From Env' }, folder: '/w/app', project: undefined },
  { name: 'a name: nested in a service is not the project', texts: [`services:\n  web:\n    name: x\n    image: nginx\n`], folder: '/w/app', project: 'app' },
];

describe('owner place: the Compose project', () => {
  for (const c of PROJECTS) {
    it(c.name, () => assert.equal(composeProjectName(c.texts, c.environment ?? {}, c.folder), c.project));
  }

  it('normalises as compose-go: lower case, [a-z0-9_-] only, no leading _ or -', () => {
    assert.equal(normalizeProjectName('--My_Project-1.0'), 'my_project-10');
  });

  it('a file on disk: every service owner of the file and of its override carries the project', () => {
    const dir = writeTree({ 'shop/compose.yaml': SERVICE, 'shop/compose.override.yaml': 'name: Store\nservices:\n  web:\n    ports:\n      - "8080:80"\n' }, 'dps-place-');
    const file = path.join(dir, 'shop', 'compose.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const beside = besideFile(file, 'compose', undefined, text);
    assert.equal(beside.composeProject, 'store');
    assert.deepEqual(checkText(file, text, 'compose', settingsWith()).facts.publishes[0].owner, { kind: 'compose-service', name: 'web', image: 'nginx', project: 'store' });
    assert.equal(beside.projectFiles![0].publishes[0].owner!.project, 'store');
  });

  it('facts kept from an earlier read (an unchanged document) get the project as it is now', () => {
    const incremental = new IncrementalExtractor();
    const projectNow = (composeProject: string | undefined) => extractFacts(SERVICE, 'compose', { incremental, composeProject }).publishes[0].owner!.project;
    assert.equal(projectNow('a'), 'a');
    assert.equal(projectNow('b'), 'b');
    assert.equal(incremental.lastUpdate, 'unchanged');
    assert.equal(projectNow(undefined), undefined);
  });

  it('a Compose expose entry belongs to its service', () => {
    const [expose] = extractFacts('services:\n  db:\n    image: postgres\n    expose:\n      - "5432"\n', 'compose', { composeProject: 'shop' }).exposes;
    assert.deepEqual(expose.owner, { kind: 'compose-service', name: 'db', image: 'postgres', project: 'shop' });
  });

  it('the hover says the project', () => {
    const text = SERVICE;
    const facts = extractFacts(text, 'compose', { composeProject: 'shop' });
    const hover = hoverAt(facts, text.indexOf('8080'), ruleContext({ settings: settingsWith() }));
    assert.match(hover!.markdown, /\*\*Published port\*\* `8080:80` \(service "web" of Compose project "shop"\)/);
  });

  it('one service name in two projects is two owners; an unknown project does not tell them apart', () => {
    assert.ok(!sameOwner({ kind: 'compose-service', name: 'redis', project: 'a' }, { kind: 'compose-service', name: 'redis', project: 'b' }));
    assert.ok(sameOwner({ kind: 'compose-service', name: 'redis', project: 'a' }, { kind: 'compose-service', name: 'redis', project: 'a' }));
    assert.ok(sameOwner({ kind: 'compose-service', name: 'redis', project: 'a' }, { kind: 'compose-service', name: 'redis' }));
  });

  it('the port map: an override repeating its base is one binding; the same service in another project conflicts', () => {
    const redis = 'services:\n  redis:\n    image: redis\n    ports:\n      - "6379:6379"\n';
    const dir = writeTree({ 'a/compose.yaml': redis, 'a/compose.override.yaml': redis, 'b/compose.yaml': redis.replace('6379:6379', '6380:6379') }, 'dps-place-');
    const checked = () =>
      findFiles([dir]).files.map((file) => {
        const text = fs.readFileSync(file.path, 'utf8');
        const { facts, findings } = checkText(file.path, text, file.kind, settingsWith());
        return { uri: URI.fromFilePath(file.path), text, facts, findings };
      });
    assert.deepEqual(buildPortMap(checked()).map((e) => [e.hostPort, e.conflict, e.sources.length]), [['6379', false, 2], ['6380', false, 1]]);
    fs.writeFileSync(path.join(dir, 'b', 'compose.yaml'), redis);
    assert.deepEqual(buildPortMap(checked()).map((e) => [e.hostPort, e.conflict, e.sources.length]), [['6379', true, 3]]);
  });
});

describe('owner place: the build stage', () => {
  const DOCKERFILE = 'FROM golang:1.23 AS build\nEXPOSE 8080\nFROM alpine\nEXPOSE 22\nFROM build AS test\nEXPOSE 9090\n';

  it('each EXPOSE names its stage: index, AS name, FROM argument', () => {
    assert.deepEqual(
      extractFacts(DOCKERFILE, 'dockerfile').exposes.map((e) => e.owner),
      [
        { kind: 'build-stage', stage: 0, name: 'build', image: 'golang:1.23' },
        { kind: 'build-stage', stage: 1, image: 'alpine' },
        { kind: 'build-stage', stage: 2, name: 'test', image: 'build' },
      ],
    );
  });

  it('FROM flags are not the image', () => {
    const [expose] = extractFacts('FROM --platform=$BUILDPLATFORM node:22 AS web\nEXPOSE 3000\n', 'dockerfile').exposes;
    assert.deepEqual(expose.owner, { kind: 'build-stage', stage: 0, name: 'web', image: 'node:22' });
  });

  it('the hover says the stage, by name or as COPY --from counts it', () => {
    const facts = extractFacts(DOCKERFILE, 'dockerfile');
    assert.match(hoverAt(facts, DOCKERFILE.indexOf('8080'), ruleContext({ settings: settingsWith() }))!.markdown, /\*\*EXPOSE\*\* `8080` \(stage "build" \(FROM golang:1\.23\)\)/);
    assert.match(hoverAt(facts, DOCKERFILE.indexOf('22'), ruleContext({ settings: settingsWith() }))!.markdown, /\*\*EXPOSE\*\* `22` \(stage 1 \(FROM alpine\)\)/);
    assert.equal(describeOwnerInPlace({ kind: 'build-stage', stage: 1 }), 'stage 1');
  });
});
