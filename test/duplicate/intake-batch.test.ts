import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DomainError } from '../../src/domain/errors.ts';
import type { SessionActor } from '../../src/http/context.ts';
import { takeInAppeal, type Intake } from '../../src/modules/case/case.create.ts';
import type { NewAppeal } from '../../src/modules/case/case.intake.ts';
import { IntakeBatcher } from '../../src/modules/case/intake.batcher.ts';
import { loadActorByUsername } from '../../src/modules/user/user.repository.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { buildOrgTree, type OrgTree } from '../support/factories.ts';

/**
 * Group commit (intake.batcher.ts): concurrent intakes share a transaction
 * and its two statements; each is answered after that transaction commits;
 * a refused or failing appeal fails alone.
 */
describe('intake batches (group commit)', () => {
  let tdb: TestDatabase;
  let org: OrgTree;
  let op: SessionActor;

  before(async () => {
    tdb = await freshDatabase();
    org = await buildOrgTree(tdb.db);
    op = await loadActorByUsername(tdb.db, 'op');
  });
  after(async () => tdb?.drop());

  const appeal = (i: number, over: Partial<NewAppeal> = {}): NewAppeal => ({
    channel: 'hotline', type: 'complaint', urgency: 'normal', title: `第${i}号来电：路灯不亮`, content: `甲一镇主街第${i}盏路灯连续三晚不亮。`,
    citizenPhone: `1370000${String(i).padStart(4, '0')}`, regionUnitId: org.units['ca'], ...over,
  });
  const submit = (b: IntakeBatcher<Intake>, props: NewAppeal) =>
    b.submit((trx) => ({ trx, actor: op, lang: 'zh', now: new Date(), casePrefix: 'TB' }), (ctx) => takeInAppeal(ctx, props, { duplicates: true }));
  /** Transactions that wrote these cases (rows written by one transaction share xmin). */
  const transactionsOf = async (ids: number[]) => Number((await sql<{ n: string }>`
    SELECT count(DISTINCT xmin::text) AS n FROM cases WHERE id = ANY(${ids}::int[])`.execute(tdb.db)).rows[0].n);

  it('takes concurrent appeals in fewer transactions, each with its number, history, outbox event and repeat offer', async () => {
    const batcher = new IntakeBatcher<Intake>(tdb.db, { maxBatch: 16 });
    const intakes = await Promise.all(Array.from({ length: 40 }, (_, i) => submit(batcher, appeal(i, { register: i % 2 === 0 }))));
    const ids = intakes.map((x) => x.row.id);
    assert.equal(new Set(ids).size, 40);
    assert.equal(new Set(intakes.map((x) => x.row.number)).size, 40, 'numbers are unique');
    const tx = await transactionsOf(ids);
    assert.ok(tx < 40 && tx >= 3, `40 appeals in ${tx} transactions (at most 16 in one)`);
    for (const [i, x] of intakes.entries()) {
      assert.equal(x.row.title, `第${i}号来电：路灯不亮`, 'each request gets its own case back');
      assert.equal(x.row.state, i % 2 === 0 ? 'registered' : 'received');
      assert.deepEqual(x.known!.history.map((h) => h.action), i % 2 === 0 ? ['create', 'register'] : ['create']);
    }
    const history = await tdb.db.selectFrom('caseHistory').select(['caseId', 'action']).where('caseId', 'in', ids).execute();
    assert.equal(history.length, 60);
    const events = await tdb.db.selectFrom('outbox').select(['caseId', 'eventType', 'payload']).where('caseId', 'in', ids).execute();
    assert.equal(events.length, 60);
    for (const e of events) assert.equal((e.payload as { number: string }).number, intakes.find((x) => x.row.id === e.caseId)!.row.number);
    // Numbers rise in the order the appeals were taken in within a batch (two batches written at once may interleave).
    const serial = (n: string) => Number(n.split('-')[1]);
    const written = (await sql<{ id: number; number: string; tx: string }>`
      SELECT id, number, xmin::text AS tx FROM cases WHERE id = ANY(${ids}::int[]) ORDER BY id`.execute(tdb.db)).rows;
    for (const tx of new Set(written.map((r) => r.tx))) {
      const batch = written.filter((r) => r.tx === tx);
      for (let i = 1; i < batch.length; i++) assert.ok(serial(batch[i].number) > serial(batch[i - 1].number), `batch ${tx}: ${batch.map((r) => r.number).join(' ')}`);
    }
    // Appeals of the same region and text in later batches are offered the earlier ones.
    const last = intakes[39];
    assert.ok(last.suggestedDuplicates.length > 0, 'the repeat check ran for a batched appeal');
    assert.ok(last.suggestedDuplicates.every((d) => d.caseId !== last.row.id));
  });

  it('answers only after commit: the case is there for another connection when the promise resolves', async () => {
    const batcher = new IntakeBatcher<Intake>(tdb.db);
    const done = await Promise.all([1, 2, 3].map((i) => submit(batcher, appeal(100 + i)).then(async (x) => {
      const seen = await tdb.db.selectFrom('cases').select('id').where('id', '=', x.row.id).executeTakeFirst();
      return Boolean(seen);
    })));
    assert.deepEqual(done, [true, true, true]);
  });

  it('refuses a bad appeal alone; its neighbours are taken in', async () => {
    const batcher = new IntakeBatcher<Intake>(tdb.db);
    const results = await Promise.allSettled([
      submit(batcher, appeal(201)),
      submit(batcher, appeal(202, { regionUnitId: 999_999 })),
      submit(batcher, appeal(203, { channel: 'pigeon' as NewAppeal['channel'] })),
      submit(batcher, appeal(204)),
      submit(batcher, appeal(205, { lat: 30.1 })),
    ]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'rejected', 'fulfilled', 'rejected']);
    const reason = (i: number) => (results[i] as PromiseRejectedResult).reason as DomainError;
    assert.ok(reason(1) instanceof DomainError && reason(1).code === 'INVALID_INPUT');
    assert.match(reason(1).message, /999999/);
    assert.match(reason(2).message, /pigeon/);
    assert.ok(reason(4) instanceof DomainError);
    const titles = await tdb.db.selectFrom('cases').select('title').where('title', 'like', '第20_号来电%').orderBy('title').execute();
    assert.deepEqual(titles.map((t) => t.title), ['第201号来电：路灯不亮', '第204号来电：路灯不亮']);
  });

  it('a database error in a batch: the appeals are retried one by one, and only the failing one fails', async () => {
    const batcher = new IntakeBatcher<Intake>(tdb.db);
    // An attachment without a file name passes the (type-level) checks but breaks the INSERT (NOT NULL).
    const broken = appeal(302, { attachments: [{ fileName: null as unknown as string, mimeType: 'image/png', sizeBytes: 10 }] });
    const results = await Promise.allSettled([301, 302, 303, 304].map((i) => submit(batcher, i === 302 ? broken : appeal(i))));
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    assert.match(String((results[1] as PromiseRejectedResult).reason), /null value|not-null/i);
    const titles = await tdb.db.selectFrom('cases').select('title').where('title', 'like', '第30_号来电%').orderBy('title').execute();
    assert.deepEqual(titles.map((t) => t.title), ['第301号来电：路灯不亮', '第303号来电：路灯不亮', '第304号来电：路灯不亮']);
    const orphans = await tdb.db.selectFrom('caseHistory').select('id').where('caseId', 'not in', tdb.db.selectFrom('cases').select('id')).execute();
    assert.equal(orphans.length, 0);
  });

  it('runs each request\'s own intake function; one failing after its case was written fails alone, and its case is not kept', async () => {
    const batcher = new IntakeBatcher<Intake>(tdb.db);
    const ctxOf = (trx: Parameters<Parameters<IntakeBatcher<Intake>['submit']>[0]>[0]) => ({ trx, actor: op, lang: 'zh' as const, now: new Date(), casePrefix: 'TB' });
    const results = await Promise.allSettled([501, 502, 503].map((i) => batcher.submit(ctxOf, async (ctx) => {
      const intake = await takeInAppeal(ctx, appeal(i));
      // Work after the write, in the same transaction (as the word lists and auto-dispatch do).
      const row = await ctx.trx.updateTable('cases').set({ subject: `after ${i}` }).where('id', '=', intake.row.id).returningAll().executeTakeFirstOrThrow();
      if (i === 502) throw new Error('refused after writing');
      return { ...intake, row };
    })));
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.match(String((results[1] as PromiseRejectedResult).reason), /refused after writing/);
    const rows = await tdb.db.selectFrom('cases').select(['title', 'subject']).where('title', 'like', '第50_号来电%').orderBy('title').execute();
    assert.deepEqual(rows, [{ title: '第501号来电：路灯不亮', subject: 'after 501' }, { title: '第503号来电：路灯不亮', subject: 'after 503' }]);
  });

  it('an idle batcher sends an appeal at once, alone', async () => {
    const batcher = new IntakeBatcher<Intake>(tdb.db);
    const pending = submit(batcher, appeal(401));
    assert.deepEqual(batcher.state, { waiting: 0, inFlight: 1 }, 'sent at once, no timer');
    const x = await pending;
    assert.equal(await transactionsOf([x.row.id]), 1);
  });
});
