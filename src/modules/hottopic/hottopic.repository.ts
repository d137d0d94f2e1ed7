import { sql } from 'kysely';
import type { Queryable, Trx } from '../../db/database.ts';
import type { Cluster, TopicInput } from '../../domain/hottopics.ts';

/**
 * Plain queries of hot topics (热点): the appeals a run clusters, and the
 * stored topics it replaces. No rules here: src/domain/hottopics.ts.
 */

/**
 * The appeals received in [from, to] that can make a topic: not merged into
 * another (the one they joined counts), not rejected, not confidential.
 */
export async function loadRecentAppeals(db: Queryable, from: Date, to: Date): Promise<Array<TopicInput & { citizenName: string | null }>> {
  const rows = await db.selectFrom('cases as c')
    .leftJoin('units as u', 'u.id', 'c.regionUnitId')
    .select(['c.id', 'c.title', sql<string>`left(c.content, 600)`.as('content'), 'c.receivedAt', 'c.address', 'c.citizenName', 'u.path as regionPath', 'u.name as regionName'])
    .where('c.receivedAt', '>=', from).where('c.receivedAt', '<=', to)
    .where('c.state', 'not in', ['merged', 'rejected'])
    .where('c.confidential', '=', false)
    .orderBy('c.receivedAt').orderBy('c.id')
    .execute();
  return rows.map((r) => ({ ...r, receivedAt: new Date(r.receivedAt) }));
}

export interface StoredTopic {
  id: number;
  caseIds: number[];
  alertedAt: Date | null;
}

/** Topics that a new run may continue: active ones, and inactive ones seen since `since` (so a topic that dips and returns keeps its id). */
export async function loadStoredTopics(trx: Trx, since: Date): Promise<StoredTopic[]> {
  const rows = await trx.selectFrom('hotTopics as t')
    .select(['t.id', 't.alertedAt', sql<number[]>`coalesce((SELECT array_agg(case_id ORDER BY case_id) FROM hot_topic_cases WHERE topic_id = t.id), '{}')`.as('caseIds')])
    .where((eb) => eb.or([eb('t.active', '=', true), eb('t.lastAt', '>=', since)]))
    .orderBy('t.id')
    .forUpdate()
    .execute();
  return rows.map((r) => ({ id: r.id, caseIds: r.caseIds, alertedAt: r.alertedAt }));
}

/** The label of a topic: its place and first words (“丽发新城 · 搅拌站 噪音”). */
export function labelOf(c: Pick<Cluster, 'place' | 'terms'>): string {
  const words = c.terms.slice(0, 3).join(' ');
  return c.place ? `${c.place} · ${words}` : words;
}

/** The last unit id of a region path (`/1/4/9/` → 9); null for a district named in text. */
export function unitIdOfRegion(region: string | null): number | null {
  const m = region?.match(/\/(\d+)\/$/);
  return m ? Number(m[1]) : null;
}

/** Writes one cluster as topic `id` (new when undefined); its members replace the old ones. Returns the id. */
export async function saveTopic(trx: Trx, id: number | undefined, c: Cluster, receivedAt: Map<number, Date>, now: Date): Promise<number> {
  const values = {
    label: labelOf(c), place: c.place, region: c.region, regionUnitId: unitIdOfRegion(c.region), terms: c.terms,
    representativeIds: c.representativeIds, size: c.caseIds.length, firstAt: c.firstAt, lastAt: c.lastAt, active: true, computedAt: now,
  };
  let topicId = id;
  if (topicId === undefined) {
    topicId = (await trx.insertInto('hotTopics').values(values).returning('id').executeTakeFirstOrThrow()).id;
  } else {
    await trx.updateTable('hotTopics').set(values).where('id', '=', topicId).execute();
    await trx.deleteFrom('hotTopicCases').where('topicId', '=', topicId).where('caseId', 'not in', c.caseIds).execute();
  }
  await trx.insertInto('hotTopicCases')
    .values(c.caseIds.map((caseId) => ({ topicId: topicId!, caseId, receivedAt: receivedAt.get(caseId)! })))
    .onConflict((oc) => oc.columns(['topicId', 'caseId']).doNothing())
    .execute();
  return topicId;
}

/** Topics that no longer form: kept (with their alert time) but hidden. */
export async function deactivateTopics(trx: Trx, ids: number[]) {
  if (ids.length) await trx.updateTable('hotTopics').set({ active: false }).where('id', 'in', ids).where('active', '=', true).execute();
}

/** Inactive topics whose last appeal is older than `before` go, with their appeal lists. */
export async function purgeOldTopics(trx: Trx, before: Date): Promise<number> {
  const res = await trx.deleteFrom('hotTopics').where('active', '=', false).where('lastAt', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** New appeals of a topic in the last 24 h, and before them since `from`. */
export async function arrivalCounts(trx: Trx, topicId: number, from: Date, now: Date): Promise<{ last24h: number; before: number }> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const row = await trx.selectFrom('hotTopicCases')
    .select([
      sql<number>`count(*) FILTER (WHERE received_at > ${dayAgo} AND received_at <= ${now})`.as('last24h'),
      sql<number>`count(*) FILTER (WHERE received_at >= ${from} AND received_at <= ${dayAgo})`.as('before'),
    ])
    .where('topicId', '=', topicId)
    .executeTakeFirstOrThrow();
  return { last24h: Number(row.last24h), before: Number(row.before) };
}
