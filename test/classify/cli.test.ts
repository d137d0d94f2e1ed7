import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli, type CliResult } from '../support/cli.ts';
import { fixtureCsv, fixtureLabels, heldOutRows, trainingRows } from './fixture.ts';

/**
 * `minsheng classify train|predict|evaluate` as a user runs it, on CSV files
 * of the invented fixture. The database settings point nowhere: the
 * classify commands must not need (or start) a database.
 */
describe('minsheng classify (command line)', () => {
  let tmp: string;
  let env: Record<string, string | undefined>;
  const show = (r: CliResult) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  const file = (name: string) => path.join(tmp, name);

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-classify-cli-'));
    env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', MINSHENG_DATA_DIR: path.join(tmp, 'no-data-dir') };
    fs.writeFileSync(file('train.csv'), fixtureCsv(trainingRows));
    fs.writeFileSync(file('predict.csv'), fixtureCsv(heldOutRows, { withLabel: false }));
    fs.writeFileSync(file('labelled.csv'), fixtureCsv(heldOutRows));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('train writes a model; predict prints id,label for every row', async () => {
    const train = await runCli(['classify', 'train', file('train.csv'), '--model', file('model.bin')], env);
    assert.equal(train.code, 0, show(train));
    assert.ok(fs.statSync(file('model.bin')).size > 0);
    assert.match(train.stderr, /trained on 48 rows, 4 labels/);

    const predict = await runCli(['classify', 'predict', file('predict.csv'), '--model', file('model.bin')], env);
    assert.equal(predict.code, 0, show(predict));
    const lines = predict.stdout.trim().split('\n');
    assert.equal(lines[0], 'id,label');
    assert.equal(lines.length, heldOutRows.length + 1);
    const rows = lines.slice(1).map((l) => l.split(','));
    assert.deepEqual(rows.map(([id]) => id), heldOutRows.map((r) => r.id));
    for (const [, label] of rows) assert.ok(fixtureLabels.includes(label), `unknown label ${label}`);
    const right = rows.filter(([, label], i) => label === heldOutRows[i].label).length;
    assert.ok(right >= heldOutRows.length - 1, `${right}/${heldOutRows.length} right`);

    // A label column in the input is ignored, and the output is the same.
    const again = await runCli(['classify', 'predict', file('labelled.csv'), '--model', file('model.bin')], env);
    assert.equal(again.stdout, predict.stdout);
    assert.ok(!fs.existsSync(env.MINSHENG_DATA_DIR!), 'no data directory (no database) was created');
  });

  test('evaluate prints cross-validated and held-out scores', async () => {
    const r = await runCli(['classify', 'evaluate', file('train.csv'), '--folds', '3', '--holdout', '0.25'], env);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /3-fold stratified cross-validation: macro-F1 \d\.\d{4} ± \d\.\d{4}/);
    assert.match(r.stdout, /held-out 25%/);
    for (const label of fixtureLabels) assert.ok(r.stdout.includes(label));
  });

  test('bad arguments exit non-zero with the usage', async () => {
    const noModel = await runCli(['classify', 'predict', file('predict.csv')], env);
    assert.equal(noModel.code, 1, show(noModel));
    assert.match(noModel.stderr, /--model <file> is required/);
    const unknown = await runCli(['classify', 'frobnicate', file('predict.csv')], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /minsheng classify train/);
    const missing = await runCli(['classify', 'predict', file('nope.csv'), '--model', file('model.bin')], env);
    assert.equal(missing.code, 1);
  });
});
