/**
 * Precision and recall on the labelled corpus (test/fixtures/corpus): files of our own that
 * reproduce how real READMEs, course pages, stack files and scripts are written. Every port
 * numbered 7000–7999 there is a published port a reader finds; nothing else is.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadBashGrammar } from '../../server/src/engine/readers/shell/bashParser';
import { checkText } from '../../server/src/workspace/checkFile';
import { findFiles } from '../../server/src/workspace/files';
import { settingsWith } from '../support/engine';

const CORPUS = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'corpus');
const LABEL = /\b7\d{3}\b/g;
const TARGET = 0.98;

interface Score {
  labels: number;
  found: number;
  missed: string[];
  wrong: string[];
}

function scoreCorpus(): Score {
  const settings = settingsWith();
  const score: Score = { labels: 0, found: 0, missed: [], wrong: [] };
  for (const file of findFiles([CORPUS]).files) {
    const text = fs.readFileSync(file.path, 'utf8');
    const { facts, findings } = checkText(file.path, text, file.kind, settings);
    const where = (offset: number) => `${path.relative(CORPUS, file.path)}:${text.slice(0, offset).split('\n').length}`;
    const published = facts.publishes.filter((p) => !p.discarded);
    const covered = (offset: number) => published.some((p) => p.span.start <= offset && offset < p.span.end);
    for (const label of text.matchAll(LABEL)) {
      score.labels++;
      if (!covered(label.index!)) score.missed.push(`${where(label.index!)} ${label[0]}`);
    }
    for (const publish of published) {
      score.found++;
      const spec = text.slice(publish.span.start, publish.span.end);
      if (!LABEL.test(spec)) score.wrong.push(`${where(publish.span.start)} ${spec}`);
      LABEL.lastIndex = 0;
    }
    // Docker refuses none of these files' specs: an invalid-port finding is a wrong finding.
    for (const finding of findings.filter((f) => f.rule === 'invalid-port')) {
      score.found++;
      score.wrong.push(`${where(finding.span.start)} invalid-port: ${finding.message}`);
    }
  }
  return score;
}

describe('labelled corpus of real-world constructs', () => {
  before(() => loadBashGrammar());
  it(`finds at least ${TARGET * 100} % of the published ports, and at least ${TARGET * 100} % of what it finds is right`, (t) => {
    const score = scoreCorpus();
    const foundLabels = score.labels - score.missed.length;
    const recall = foundLabels / score.labels;
    const precision = (score.found - score.wrong.length) / score.found;
    t.diagnostic(`labelled published ports: ${score.labels}; found ${foundLabels} (recall ${(recall * 100).toFixed(1)} %)`);
    t.diagnostic(`findings: ${score.found}; right ${score.found - score.wrong.length} (precision ${(precision * 100).toFixed(1)} %)`);
    for (const line of [...score.missed.map((m) => `missed ${m}`), ...score.wrong.map((w) => `wrong ${w}`)]) t.diagnostic(line);
    assert.ok(score.labels >= 150, `the corpus holds ${score.labels} labelled ports; it must hold at least 150`);
    assert.ok(recall >= TARGET, `recall ${recall} below ${TARGET}: ${score.missed.join('; ')}`);
    assert.ok(precision >= TARGET, `precision ${precision} below ${TARGET}: ${score.wrong.join('; ')}`);
  });
});
