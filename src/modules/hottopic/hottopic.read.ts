import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import type { SessionActor } from '../../http/context.ts';
import { redact } from '../board/redact.ts';
import { visibleTo } from '../case/case.repository.ts';

/**
 * What staff read of hot topics: the ranked list and one topic's appeals,
 * both counted over the appeals the reader may see (a county sees the
 * county's share of a topic; a topic with none of its appeals visible does
 * not exist for them). Titles are redacted (phones, ID numbers, e-mails,
 * the citizen's own name); the name is read for that and nothing else.
 */

/** Days are civil days in the city's time zone. */
const zone = 'Asia/Shanghai';
const maxTitle = 80;
const safeTitle = (t: string, citizenName: string | null) => {
  const r = redact(t, { names: [citizenName] }).trim();
  return r.length > maxTitle ? `${r.slice(0, maxTitle)}…` : r;
};

export interface ListQuery {
  days: number;
  unitId?: number;
  limit: number;
  now: Date;
}

/** The visible appeals of active topics in the window, optionally in a region unit's subtree. */
async function scopedMembers(db: Queryable, actor: SessionActor, q: ListQuery, topicId?: number) {
  const from = new Date(q.now.getTime() - q.days * 86_400_000);
  let unitPath: string | undefined;
  if (q.unitId !== undefined) {
    const unit = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', { detail: String(q.unitId) });
    unitPath = unit.path;
  }
  let query = db.selectFrom('hotTopicCases as m')
    .innerJoin('hotTopics as t', 't.id', 'm.topicId')
    .innerJoin('cases as c', 'c.id', 'm.caseId')
    .where('t.active', '=', true)
    .where('m.receivedAt', '>=', from).where('m.receivedAt', '<=', q.now);
  if (topicId !== undefined) query = query.where('t.id', '=', topicId);
  if (!actor.citywide) query = query.where('c.id', 'in', db.selectFrom('cases').select('cases.id').where(visibleTo(actor)));
  if (unitPath !== undefined) {
    query = query.where('c.regionUnitId', 'in', db.selectFrom('units').select('id').where('path', 'like', `${unitPath}%`));
  }
  return { query, from };
}

export async function listHotTopics(db: Queryable, actor: SessionActor, q: ListQuery) {
  const { query, from } = await scopedMembers(db, actor, q);
  const dayAgo = new Date(q.now.getTime() - 86_400_000);
  const ranked = await query
    .select([
      't.id', 't.label', 't.place', 't.region', 't.regionUnitId', 't.terms', 't.representativeIds', 't.size', 't.firstAt', 't.lastAt', 't.alertedAt',
      sql<number>`count(*)::int`.as('count'),
      sql<number>`(count(*) FILTER (WHERE m.received_at > ${dayAgo}))::int`.as('last24h'),
      sql<number[]>`array_agg(m.case_id ORDER BY m.received_at DESC, m.case_id)`.as('memberIds'),
    ])
    .groupBy('t.id')
    .having(sql<boolean>`count(*) >= 2`)
    .orderBy('count', 'desc').orderBy('last24h', 'desc').orderBy('t.id')
    .limit(q.limit)
    .execute();
  if (!ranked.length) return { from, to: q.now, items: [] };

  const ids = ranked.map((r) => r.id);
  const trendRows = await (await scopedMembers(db, actor, q)).query
    .where('t.id', 'in', ids)
    .select(['t.id', sql<string>`to_char((m.received_at AT TIME ZONE ${sql.lit(zone)})::date, 'YYYY-MM-DD')`.as('day'), sql<number>`count(*)::int`.as('n')])
    .groupBy(['t.id', 'day'])
    .execute();
  const wanted = [...new Set(ranked.flatMap((r) => pickRepresentatives(r.representativeIds, r.memberIds)))];
  const titles = new Map((wanted.length
    ? await db.selectFrom('cases').select(['id', 'title', 'citizenName']).where('id', 'in', wanted).execute()
    : []).map((c) => [c.id, safeTitle(c.title, c.citizenName)]));
  const unitNames = await regionNames(db, ranked.map((r) => r.regionUnitId));
  const days = dayKeys(from, q.now);

  return {
    from, to: q.now,
    items: ranked.map((r) => {
      const perDay = new Map(trendRows.filter((x) => x.id === r.id).map((x) => [x.day, x.n]));
      return {
        id: r.id, label: r.label, place: r.place, terms: r.terms,
        region: (r.regionUnitId ? unitNames.get(r.regionUnitId) : undefined) ?? (r.region && !r.region.startsWith('/') ? r.region.toUpperCase() : null),
        count: r.count, last24h: r.last24h, size: r.size,
        firstAt: r.firstAt, lastAt: r.lastAt, alertedAt: r.alertedAt,
        trend: days.map((day) => ({ day, count: perDay.get(day) ?? 0 })),
        representatives: pickRepresentatives(r.representativeIds, r.memberIds).map((id) => ({ caseId: id, title: titles.get(id) ?? '' })),
      };
    }),
  };
}

/** The stored representatives the reader may see, topped up with the latest visible members, three at most. */
function pickRepresentatives(representativeIds: number[], visibleMembers: number[]): number[] {
  const visible = new Set(visibleMembers);
  const out = representativeIds.filter((id) => visible.has(id));
  for (const id of visibleMembers) if (out.length < 3 && !out.includes(id)) out.push(id);
  return out.slice(0, 3);
}

async function regionNames(db: Queryable, ids: (number | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map<number, string>();
  return new Map((await db.selectFrom('units').select(['id', 'name']).where('id', 'in', wanted).execute()).map((u) => [u.id, u.name]));
}

/** The civil days from `from` to `to` in the city's zone, as YYYY-MM-DD. */
export function dayKeys(from: Date, to: Date): string[] {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const out: string[] = [];
  for (let t = from.getTime(); t <= to.getTime() + 86_399_999; t += 86_400_000) {
    const d = fmt.format(new Date(Math.min(t, to.getTime())));
    if (out[out.length - 1] !== d) out.push(d);
  }
  return out;
}

/**
 * One topic and its appeals the reader may see, newest first (in the window).
 * @throws NOT_FOUND when it does not exist, is no longer active, or none of its appeals is visible.
 */
export async function getHotTopic(db: Queryable, actor: SessionActor, topicId: number, q: ListQuery) {
  const { query } = await scopedMembers(db, actor, q, topicId);
  const cases = await query
    .select(['c.id', 'c.number', 'c.title', 'c.citizenName', 'c.channel', 'c.state', 'c.receivedAt'])
    .orderBy('c.receivedAt', 'desc').orderBy('c.id')
    .limit(500)
    .execute();
  if (!cases.length) throw new DomainError('NOT_FOUND');
  const t = await db.selectFrom('hotTopics').select(['id', 'label', 'place', 'region', 'regionUnitId', 'terms', 'size', 'firstAt', 'lastAt', 'alertedAt'])
    .where('id', '=', topicId).executeTakeFirstOrThrow();
  const unitNames = await regionNames(db, [t.regionUnitId]);
  return {
    id: t.id, label: t.label, place: t.place, terms: t.terms, size: t.size, firstAt: t.firstAt, lastAt: t.lastAt, alertedAt: t.alertedAt,
    region: (t.regionUnitId ? unitNames.get(t.regionUnitId) : undefined) ?? (t.region && !t.region.startsWith('/') ? t.region.toUpperCase() : null),
    cases: cases.map((c) => ({ id: c.id, number: c.number, title: safeTitle(c.title, c.citizenName), channel: c.channel, state: c.state, receivedAt: c.receivedAt })),
  };
}
