import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { seedDemoCity } from '../../src/demo/seed.ts';
import { searchDocument } from '../../src/modules/search/search.document.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

/** The demo city drives the real commands, so every case it makes is searchable, replies and notes included. */
describe('the demo seed produces indexed cases', () => {
  let tdb: TestDatabase;
  before(async () => {
    tdb = await freshDatabase();
    await seedDemoCity(tdb.db, { prefix: 'SD', cases: 60, now: new Date('2026-11-20T02:00:00Z') });
  });
  after(async () => { await tdb.drop(); });

  it('every case has its search document, and nothing waits in the queue', async () => {
    const { rows: [r] } = await sql<{ cases: number; docs: number; pending: number }>`
      SELECT (SELECT count(*) FROM cases)::int AS cases,
             (SELECT count(*) FROM cases c WHERE EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = c.id))::int AS docs,
             (SELECT count(*) FROM case_search_pending)::int AS pending`.execute(tdb.db);
    assert.ok(r.cases >= 60, `${r.cases} cases`);
    assert.equal(r.docs, r.cases);
    assert.equal(r.pending, 0);
  });

  it('a replied case’s document holds its reply words with weight C, as a rebuild would make it', async () => {
    const row = await tdb.db.selectFrom('cases').select(['id', 'title', 'content', 'replyContent'])
      .where('replyContent', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    const { rows: [doc] } = await sql<{ doc: string }>`SELECT doc::text AS doc FROM case_search WHERE case_id = ${row.id}`.execute(tdb.db);
    assert.match(doc.doc, /:[0-9,A-D]*\dC/, 'reply or note words are in the document');
    const replyOnly = searchDocument({ title: '', content: '', replies: [row.replyContent!] });
    const firstWord = replyOnly.match(/^'((?:[^']|'')+)'/)![1];
    assert.ok(doc.doc.includes(`'${firstWord}'`), `${firstWord} of the reply is indexed`);
  });
});
