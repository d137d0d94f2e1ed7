import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { demoCity, leaderBoards } from '../../src/demo/city.ts';
import { seedDemoCity } from '../../src/demo/seed.ts';
import { buildApp } from '../../src/http/app.ts';
import { seedBoards } from '../../src/modules/board/board.seed.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';

/** The demo city's boards: one per leader (the keys its board cases use) and per city department, with the demo posts published. */
describe('the demo city’s message boards', () => {
  let tdb: TestDatabase;
  before(async () => {
    tdb = await freshDatabase();
    await seedDemoCity(tdb.db, { prefix: 'AL', cases: 300, now: new Date('2026-11-20T04:00:00Z') });
  });
  after(async () => { await tdb.drop(); });

  it('has a board for every leader board of the city and every city department', async () => {
    const boards = await tdb.db.selectFrom('boards').select(['key', 'kind', 'titleZh', 'titleEn']).orderBy('sort').execute();
    const keys = new Set(boards.map((b) => b.key));
    for (const b of leaderBoards(demoCity())) assert.ok(keys.has(b.key), b.key);
    assert.equal(boards.filter((b) => b.kind === 'leader').length, 2 + 13 * 2);
    assert.equal(boards.filter((b) => b.kind === 'department').length, 20);
    assert.deepEqual(boards.slice(0, 2).map((b) => [b.key, b.titleZh, b.titleEn]), [
      ['secretary', '安澜市委书记', 'Party Secretary of Anlan'], ['mayor', '安澜市市长', 'Mayor of Anlan'],
    ]);
    assert.ok(boards.some((b) => b.key === 'c05-head' && b.titleZh === '临澜县县长' && b.titleEn === 'Head of Linlan County'));
    assert.ok(boards.some((b) => b.key === 'dept-zjj' && b.titleEn === 'Housing and Urban-Rural Development Bureau'));
    const again = await seedBoards(tdb.db);
    assert.equal(again.posts, 0, 'seeding again adds nothing');
    assert.equal((await tdb.db.selectFrom('boards').select('id').execute()).length, boards.length);
  });

  it('publishes the demo’s board cases, redacted, with masked names only', async () => {
    const cases = await tdb.db.selectFrom('cases').select(['id', 'citizenName', 'citizenPhone']).where('channel', '=', 'board')
      .where('state', 'not in', ['rejected', 'merged']).execute();
    assert.ok(cases.length > 5);
    const posts = await tdb.db.selectFrom('boardPosts').select(['caseId', 'status', 'displayName']).execute();
    assert.equal(posts.length, cases.length);
    assert.ok(posts.every((p) => p.status === 'published' && /^.\*\*$/u.test(p.displayName)));

    const app = await buildApp({ db: tdb.db, config: { ...loadConfig({}), caseNumberPrefix: 'AL' } });
    try {
      const list = await app.inject({ url: '/api/public/board/posts?page=1' });
      assert.equal(list.statusCode, 200);
      assert.equal(list.json().total, cases.length);
      const all = [];
      for (let page = 1; page <= list.json().pages; page++) all.push((await app.inject({ url: `/api/public/board/posts?page=${page}` })).body);
      const body = all.join('\n');
      for (const c of cases) {
        assert.ok(!body.includes(c.citizenPhone!), 'no phone');
        assert.ok(!body.includes(c.citizenName!), 'no full name');
      }
      const page = await app.inject({ url: '/board' });
      assert.match(page.body, /安澜市领导留言板/);
      assert.match(page.body, /临澜县县长/);
    } finally {
      await app.close();
    }
  });
});
