import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { shanghaiDate } from '../../src/domain/calendar.ts';
import { confirmYear, upsertOverride } from '../../src/modules/calendar/calendar.repository.ts';
import { putSetting } from '../../src/modules/calendar/settings.repository.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

const root = path.resolve(import.meta.dirname, '../..');

interface Run { code: number; stdout: string; stderr: string }

/** `node bin/minsheng.js calendar …` as a user runs it, against the test database. */
function calendar(databaseUrl: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete env.NODE_TEST_CONTEXT;
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/minsheng.js', 'calendar', ...args], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('minsheng calendar (CLI) with the admin overrides from the database', () => {
  let tdb: TestDatabase;
  const cli = (...args: string[]) => calendar(tdb.url, ...args);
  const prints = async (args: string[], stdout: string) => {
    const run = await cli(...args);
    assert.deepEqual({ code: run.code, stdout: run.stdout }, { code: 0, stdout }, run.stderr);
  };
  const fails = async (args: string[], stderr: RegExp) => {
    const run = await cli(...args);
    assert.equal(run.code, 1, `${run.stdout}${run.stderr}`);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, stderr);
  };

  before(async () => { tdb = await freshDatabase(); });
  after(async () => { await tdb.drop(); });

  it('answers on the official calendar in the exact output formats', async () => {
    await Promise.all([
      prints(['is-workday', '2025-10-11'], 'true\n'), // a make-up Saturday
      prints(['is-workday', '2025-10-08'], 'false\n'),
      prints(['add-days', '2025-09-28', '5'], '2025-10-11\n'),
      prints(['add-hours', '2026-01-05T11:00:00+08:00', '2'], '2026-01-05T14:30:00+08:00\n'),
      prints(['add-hours', '2026-01-05T01:00:00Z', '2'], '2026-01-05T11:00:00+08:00\n'),
      prints(['status', '2025'], '2025: confirmed (package)\n'),
    ]);
  });

  it('uses the overrides and the office hours an administrator entered', async () => {
    await upsertOverride(tdb.db, { date: '2026-01-12', kind: 'holiday', name: '地方假日' }, null);
    await putSetting(tdb.db, 'working_hours', [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '18:00' }], null);
    await Promise.all([
      prints(['is-workday', '2026-01-12'], 'false\n'),
      prints(['add-days', '2026-01-09', '1'], '2026-01-13\n'),
      prints(['add-hours', '2026-01-05T11:00:00+08:00', '2'], '2026-01-05T15:00:00+08:00\n'),
    ]);
  });

  it('refuses an unconfirmed year with CALENDAR_UNCONFIRMED and exit 1, until it is confirmed', async () => {
    const unconfirmed = /^CALENDAR_UNCONFIRMED: 2027年的节假日安排尚未确认，请管理员补充日历\n$/;
    await Promise.all([
      fails(['is-workday', '2027-03-01'], unconfirmed),
      fails(['add-days', '2026-12-24', '10'], unconfirmed),
      prints(['status', '2027'], '2027: unconfirmed\n'),
    ]);
    await upsertOverride(tdb.db, { date: '2027-01-01', kind: 'holiday', name: '元旦' }, null);
    await confirmYear(tdb.db, 2027, '国务院办公厅通知', null);
    await Promise.all([
      prints(['is-workday', '2027-03-01'], 'true\n'),
      prints(['add-days', '2026-12-24', '10'], '2027-01-08\n'),
      prints(['status', '2027'], '2027: confirmed (override)\n'),
    ]);
    const current = Number(shanghaiDate(new Date()).slice(0, 4));
    const status = await cli('status');
    assert.equal(status.code, 0);
    assert.deepEqual(status.stdout.trimEnd().split('\n').map((l) => l.slice(0, 5)), [`${current}:`, `${current + 1}:`]);
  });

  it('refuses bad arguments with INVALID_INPUT and exit 1', async () => {
    await Promise.all([
      fails(['is-workday', '2025/10/11'], /^INVALID_INPUT: .*YYYY-MM-DD/),
      fails(['add-days', '2025-09-28', 'five'], /^INVALID_INPUT: /),
      fails(['add-hours', 'noon', '2'], /^INVALID_INPUT: .*ISO 8601/),
      fails(['next-holiday'], /^INVALID_INPUT: .*is-workday\|add-days\|add-hours\|status/),
    ]);
  });

  it('falls back to the official calendar, with a warning, when the database is unreachable', async () => {
    const run = await calendar('postgres://nobody@127.0.0.1:1/none', 'add-days', '2025-09-28', '5');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '2025-10-11\n');
    assert.match(run.stderr, /^warning: database unreachable .*official calendar/);
  });
});
