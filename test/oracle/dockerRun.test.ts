/**
 * Differential tests against the real docker CLI (ports.md §6): for generated argument lists and
 * short-syntax specs, our reading and Docker's must agree on what is published where, what is
 * rejected (with Docker's own words), -P and host networking.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { extractFacts, fixAll } from '../../server/src/engine/analyze';
import { normalizeSettings } from '../../server/src/engine/settings';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import type { DocumentFacts } from '../../server/src/engine/model';
import { readPublishSpec, SpecReading } from '../../server/src/engine/grammar/publishSpec';
import { DockerOracle, dockerAvailable, DockerReading, mapLimit, OracleAnswer, seededRandom } from '../support/dockerOracle';
import { generateRunCase, generateSpec } from './generators';

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Docker's PortBindings entries for one reading, expanded the way go-connections does. */
function bindingsOf(reading: SpecReading): string[] {
  if (!reading.ok) return [];
  const spec = reading.spec;
  if (spec.containerPorts === 'unknown' || spec.hostPorts === 'unknown') throw new Error('generated specs have no variables');
  const { start, end } = spec.containerPorts;
  const host = spec.hostPorts;
  const out: string[] = [];
  for (let i = 0; i <= end - start; i++) {
    let hostPort = host ? String(host.start + i) : '';
    if (host && start === end && host.start !== host.end) hostPort = `${hostPort}-${host.end}`;
    out.push(`${spec.hostIp ?? ''}|${hostPort}|${start + i}/${spec.protocol}`);
  }
  return out;
}

function ourAnswer(facts: DocumentFacts): OracleAnswer {
  // docker/cli converts every published=… form before it parses any spec, so those errors come first.
  const csvError = facts.publishes.find((p) => !p.reading.ok && p.reading.error.startsWith('invalid publish opts format'));
  const rejected = csvError ?? facts.publishes.find((p) => !p.reading.ok);
  if (rejected && !rejected.reading.ok) return { ok: false, error: rejected.reading.error };
  const reading: DockerReading = {
    bindings: facts.publishes.flatMap((p) => bindingsOf(p.reading)).sort(),
    networkMode: facts.hostNetworks.length > 0 ? 'host' : 'other',
    publishAll: facts.publishAll.length > 0,
  };
  return { ok: true, reading };
}

function comparable(answer: OracleAnswer): unknown {
  if (!answer.ok) return { error: answer.error };
  const { bindings, publishAll } = answer.reading;
  return { bindings, publishAll, hostNetwork: answer.reading.networkMode === 'host' };
}

describe('agreement with the docker CLI', { skip: dockerAvailable() ? false : 'the docker CLI is not installed' }, () => {
  const oracle = new DockerOracle();
  before(async () => {
    await loadBashGrammar();
    await oracle.start();
  });
  after(() => oracle.stop());

  it('reads 600 generated docker run argument lists exactly as docker does', async () => {
    const random = seededRandom(20261128);
    const cases = Array.from({ length: 600 }, () => generateRunCase(random));
    const docker = await mapLimit(cases, 6, (c) => oracle.read(c.args));
    const disagreements: string[] = [];
    cases.forEach((c, i) => {
      const line = `docker run ${c.args.map(shellQuote).join(' ')}\n`;
      const ours = ourAnswer(extractFacts(line, 'shell'));
      const theirs = docker[i];
      try {
        assert.deepEqual(comparable(ours), comparable(theirs));
      } catch {
        disagreements.push(`${line.trim()}\n  docker: ${JSON.stringify(comparable(theirs))}\n  ours:   ${JSON.stringify(comparable(ours))}`);
      }
    });
    assert.equal(disagreements.length, 0, `${disagreements.length} of ${cases.length} disagree:\n${disagreements.slice(0, 10).join('\n')}`);
  });

  it('fixed specs read as loopback to docker too, with the same ports (300 generated public specs)', async () => {
    const random = seededRandom(99);
    const settings = normalizeSettings({}).settings;
    const fixedSpecs: string[] = [];
    for (let attempt = 0; fixedSpecs.length < 300 && attempt < 5000; attempt++) {
      const line = `docker run -p ${generateSpec(random)} img\n`;
      const [publish] = extractFacts(line, 'shell').publishes;
      if (!publish?.reading.ok || !publish.rebind) continue;
      const fixed = fixAll(line, 'shell', { settings }).text;
      if (fixed === line) continue;
      fixedSpecs.push(extractFacts(fixed, 'shell').publishes[0].written);
    }
    assert.ok(fixedSpecs.length >= 300, `only ${fixedSpecs.length} public specs generated`);
    const docker = await mapLimit(fixedSpecs, 6, (spec) => oracle.read(['-p', spec, 'img']));
    fixedSpecs.forEach((spec, i) => {
      const answer = docker[i];
      assert.ok(answer.ok, `docker refuses the fixed spec ${spec}: ${answer.ok ? '' : answer.error}`);
      const reading = readPublishSpec(spec);
      assert.deepEqual(answer.reading.bindings, bindingsOf(reading).sort(), spec);
      for (const binding of answer.reading.bindings) assert.match(binding, /^(127\.0\.0\.1|::1)\|/, `${spec} → ${binding}`);
    });
  });

  it('reads 400 generated short-syntax specs (the grammar Compose shares) exactly as docker does', async () => {
    const random = seededRandom(7);
    const specs = [...new Set(Array.from({ length: 500 }, () => generateSpec(random)))].slice(0, 400);
    assert.ok(specs.length >= 300, `only ${specs.length} distinct specs`);
    const docker = await mapLimit(specs, 6, (spec) => oracle.read(['-p', spec, 'img']));
    const disagreements = specs.filter((spec, i) => {
      const reading = readPublishSpec(spec);
      const ours: OracleAnswer = reading.ok
        ? { ok: true, reading: { bindings: bindingsOf(reading).sort(), networkMode: 'default', publishAll: false } }
        : { ok: false, error: reading.error };
      try {
        assert.deepEqual(comparable(ours), comparable(docker[i]));
        return false;
      } catch {
        return true;
      }
    });
    assert.deepEqual(disagreements, []);
  });
});
