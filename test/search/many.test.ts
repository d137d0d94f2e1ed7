import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { SessionActor } from '../../src/http/context.ts';
import { listCases } from '../../src/modules/case/case.repository.ts';
import { searchDocument } from '../../src/modules/search/search.document.ts';
import { FEW_MATCHES, SEARCH_WINDOW } from '../../src/modules/search/search.query.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

/** More matches than are counted and ranked: the total is capped, the newest matches ranked, filters still reach old cases. */
describe('search with many matches', () => {
  let tdb: TestDatabase;
  const n = FEW_MATCHES + 500;
  const actor: SessionActor = {
    userId: 0, username: 't', displayName: 't', unitId: 0, unitPath: '/0/', unitKind: 'centre', unitName: 't',
    roles: ['dispatcher'], citywide: true, hasSubUnits: false,
  };
  before(async () => {
    tdb = await freshDatabase();
    const rows = Array.from({ length: n }, (_, k) => {
      const i = k + 1;
      // Odd cases say 物业费 in the title, even ones only in the text; case 1 is the only web case.
      const title = i % 2 ? `物业费问题${i}` : `小区问题${i}`;
      const content = i % 2 ? '请尽快处理。' : '物业费太高，请尽快处理。';
      return { i, title, content, channel: i === 1 ? 'web' : 'hotline', doc: searchDocument({ title, content }) };
    });
    await sql`
      INSERT INTO cases (id, number, query_code, channel, type, urgency, title, content, state, received_at)
      SELECT r.i, 'MN' || lpad(r.i::text, 6, '0'), 'q', r.channel, 'complaint', 'normal', r.title, r.content, 'registered',
             timestamptz '2026-01-01' + r.i * interval '1 hour'
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r (i int, title text, content text, channel text)`.execute(tdb.db);
    await sql`
      INSERT INTO case_search (case_id, doc)
      SELECT r.i, r.doc::tsvector FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r (i int, doc text)`.execute(tdb.db);
  });
  after(async () => { await tdb.drop(); });

  const list = (q: string, extra: Partial<Parameters<typeof listCases>[2]> = {}) =>
    listCases(tdb.db, actor, { q, limit: 20, offset: 0, ...extra });

  it('ranks the newest matches, title hits first; the total says "at least"', async () => {
    const page = await list('物业费');
    assert.equal(page.total, SEARCH_WINDOW);
    assert.equal(page.totalCapped, true);
    assert.deepEqual(page.rows.map((r) => r.id), Array.from({ length: 20 }, (_, k) => n - 1 - 2 * k), 'newest odd (title) cases, newest first');
    const inWindow = await list('物业费', { offset: SEARCH_WINDOW / 2 });
    assert.ok(inWindow.rows.every((r) => r.id % 2 === 0), 'after the title hits of the window come its content hits');
    const deep = await list('物业费', { offset: SEARCH_WINDOW + 100 });
    assert.equal(deep.rows.length, 20, 'a page past the window widens it');
  });

  it('few documents with the words: all matches counted and ranked', async () => {
    const few = await list('物业费 1234');
    assert.equal(few.totalCapped, false);
    assert.equal(few.total, 1);
    assert.deepEqual(few.rows.map((r) => r.id), [1234]);
  });

  it('a filter that leaves few of many matches still finds them, however old', async () => {
    const web = await list('物业费', { channel: 'web' });
    assert.equal(web.total, 1);
    assert.equal(web.totalCapped, false);
    assert.deepEqual(web.rows.map((r) => r.id), [1]);
  });

  it('an explicit sort orders the matches by it instead of relevance', async () => {
    const page = await list('物业费', { sort: 'receivedAt' });
    assert.ok(page.rows.length === 20);
    const times = page.rows.map((r) => new Date(r.receivedAt).getTime());
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
  });
});
