import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runExclusive } from '../../src/jobs/runner.ts';
import { lastScheduledAt, RETRAIN_JOB, retrainIfDue } from '../../src/modules/routing/routing.job.ts';
import { runCli } from '../support/cli.ts';
import { startTestApp, type TestApp } from '../support/http.ts';
import { writeHistory } from './fixture.ts';

/** Retraining by command and on the schedule, against a real database. */
describe('retraining the suggestion models', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await writeHistory(t.tdb.db, t.org, 8);
  });
  after(async () => { await t.close(); });

  const models = () => t.tdb.db.selectFrom('classifierModels').select(['id', 'kind', 'samples', 'trainedAt']).orderBy('id').execute();

  it('the schedule falls on the configured hour in Shanghai time', () => {
    // 02:00 in Shanghai is 18:00 UTC the day before.
    assert.equal(lastScheduledAt(new Date('2026-11-27T18:30:00Z'), 2).toISOString(), '2026-11-27T18:00:00.000Z');
    assert.equal(lastScheduledAt(new Date('2026-11-27T17:59:00Z'), 2).toISOString(), '2026-11-26T18:00:00.000Z');
    assert.equal(lastScheduledAt(new Date('2026-11-27T16:00:00Z'), 0).toISOString(), '2026-11-27T16:00:00.000Z');
  });

  it('`classify retrain` trains both models from the history and stores them', async () => {
    const r = await runCli(['classify', 'retrain'], { DATABASE_URL: t.tdb.url }, 120_000);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /category: model \d+/);
    assert.match(r.stdout, /unit: model \d+ — 24 examples, 3 labels/);
    const stored = await models();
    assert.deepEqual(stored.map((m) => m.kind).sort(), ['category', 'unit']);
    const bad = await runCli(['classify', 'retrain', '--kind', 'nonsense'], { DATABASE_URL: t.tdb.url }, 60_000);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /usage/);
  });

  it('the job retrains once per scheduled day, under its lock, and not when disabled', async () => {
    const before = await models();
    const newest = before.at(-1)!.trainedAt;
    // Just trained: nothing due until the next scheduled hour.
    assert.deepEqual(await t.tdb.db.transaction().execute((trx) => retrainIfDue(trx, new Date(newest.getTime() + 60_000))), { due: false });
    // A day later it is due, and runs once.
    const dayLater = new Date(newest.getTime() + 86_400_000 + 60_000);
    const run = await runExclusive(t.tdb.db, RETRAIN_JOB, (trx) => retrainIfDue(trx, dayLater));
    assert.equal(run.skipped, false);
    assert.equal((run as { result: { due: boolean } }).result.due, true);
    assert.equal((await models()).length, before.length + 2);
    // Disabled by the administrator: never due.
    const put = await t.app.inject({ method: 'PUT', url: '/api/routing/settings', payload: { retrain: { enabled: false } }, headers: { cookie: await t.cookieOf('admin') } });
    assert.equal(put.statusCode, 200, put.body);
    const later = new Date(dayLater.getTime() + 3 * 86_400_000);
    assert.deepEqual(await t.tdb.db.transaction().execute((trx) => retrainIfDue(trx, later)), { due: false });
  });

  it('a second process skips while another holds the job lock', async () => {
    let inner: unknown;
    await runExclusive(t.tdb.db, RETRAIN_JOB, async () => {
      inner = await runExclusive(t.tdb.db, RETRAIN_JOB, async () => 'ran');
    });
    assert.deepEqual(inner, { skipped: true });
  });
});
