import { sql, type RawBuilder } from 'kysely';
import type { Queryable, Trx } from '../../db/database.ts';
import type { CaseRow } from '../../db/schema.ts';
import type { SessionActor } from '../../http/context.ts';
import { placePrefixLength } from '../../domain/similarity.ts';
import { visibleTo } from '../case/case.repository.ts';
import { phoneKey } from '../hotline/phone.ts';
import { textBandsBetween } from './duplicate.signature.ts';

/**
 * Plain queries of the repeat check (并单): the candidates of an appeal,
 * the contacts merged into a case, where a merged case leads, and the
 * contact and case counts. No rules here: scoring is src/domain/similarity.ts
 * and duplicate.service.ts.
 */

/** Per source, the most recent candidates looked at: keeps the check cheap in a busy region. */
export const candidateLimits = { phone: 20, region: 40, nearby: 20, place: 20, text: 10 } as const;

/**
 * Most cases sharing a text-signature band read per appeal, before the
 * latest {@link candidateLimits}.text of them are taken. A mass complaint
 * (hundreds of near-identical appeals in the window) would otherwise make
 * every new appeal read all of them: with the cap an appeal's repeat check
 * costs the same however many alike it has, and it offers the latest among
 * the first 200 the index yields (in storage order, not by date).
 */
export const textMatchesRead = 200;

export interface CandidateCriteria {
  phone: string | null;
  regionUnitId: number | null;
  lat: number | null;
  lng: number | null;
  /** The normalised address (`placeText`): candidates whose address starts the same way. */
  place: string | null;
  /** The appeal's arrival: the window lies around it. */
  at: Date;
  /** Days before and after `at` (setting `duplicate_window_days`). */
  windowDays: number;
  /** The appeal's normalised text (`duplicateText`): candidates whose text signature shares a band (cases_dup_bands_idx). */
  dupText?: string | null;
  excludeCaseId?: number;
}

/** A candidate as the scorer needs it (`contentHead` only when `dupText` is not stored). */
export interface CandidateRow {
  id: number;
  number: string;
  state: string;
  channel: string;
  title: string;
  receivedAt: Date | string;
  citizenPhone: string | null;
  regionUnitId: number | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  dupText: string | null;
  dupPlace: string | null;
  contentHead: string | null;
}

/**
 * One query for the candidates of an appeal, within the window before and
 * after `at`, that the actor may see, not merged or rejected: the latest with
 * the same phone (by the hotline's phone key, cases_phone_key_idx), the
 * latest in the same region unit (cases_region_received_idx), the latest
 * within about 200 m (cases_geo_idx), and — for an appeal without a region
 * unit — the latest whose normalised address starts like this one's, to
 * about the street (cases_place_idx), and — given the appeal's text — the
 * latest cases anywhere whose text signature shares a band with it
 * (cases_dup_bands_idx, duplicate.signature.ts). Written as SQL rather
 * than built: it runs at every intake, and building it cost more than
 * running it. Null when there is nothing to look by.
 */
export function candidatesQuery(db: Queryable, actor: SessionActor, c: CandidateCriteria): RawBuilder<CandidateRow> | null {
  // Constant bounds, so the planner sees how narrow the window is.
  const from = new Date(c.at.getTime() - c.windowDays * 86_400_000);
  const to = new Date(c.at.getTime() + c.windowDays * 86_400_000);
  const visible = actor.citywide ? sql`` : sql` AND id IN (${db.selectFrom('cases').select('cases.id').where(visibleTo(actor))})`;
  const except = c.excludeCaseId === undefined ? sql`` : sql` AND id <> ${c.excludeCaseId}`;
  const inWindow = sql`received_at >= ${from} AND received_at <= ${to}`;
  // The same window, hidden from the planner: a phone has few cases, and ANDing its index
  // with cases_received_idx would read every case of the window in a busy city.
  const inWindowByPhone = sql`(received_at + interval '0') >= ${from} AND (received_at + interval '0') <= ${to}`;
  /** The latest `limit` matches; with `readAtMost`, the latest among the first that many the index yields (textMatchesRead). */
  const branch = (where: RawBuilder<unknown>, limit: number, window = inWindow, readAtMost?: number) => {
    const matches = sql`SELECT id, number, state, channel, title, received_at, citizen_phone, region_unit_id, address, lat, lng, dup_text, dup_place,
           CASE WHEN dup_text IS NULL THEN left(content, 600) END AS content_head
      FROM cases
     WHERE ${where} AND ${window} AND state NOT IN ('merged', 'rejected')${except}${visible}`;
    return readAtMost === undefined
      ? sql`(${matches} ORDER BY received_at DESC LIMIT ${sql.lit(limit)})`
      : sql`(SELECT * FROM (${matches} LIMIT ${sql.lit(readAtMost)}) t ORDER BY received_at DESC LIMIT ${sql.lit(limit)})`;
  };
  const branches: RawBuilder<unknown>[] = [];
  const key = c.phone ? phoneKey(c.phone) : null;
  if (key) branches.push(branch(sql`ms_phone_key(citizen_phone) = ${key}`, candidateLimits.phone, inWindowByPhone));
  if (c.regionUnitId != null) branches.push(branch(sql`region_unit_id = ${c.regionUnitId}`, candidateLimits.region));
  if (c.lat != null && c.lng != null) {
    // A box of ±0.002° latitude (≈220 m) and the same distance in longitude; the scorer keeps ≤ 200 m.
    const dLat = 0.002;
    const dLng = 0.002 / Math.max(0.1, Math.cos((c.lat * Math.PI) / 180));
    branches.push(branch(sql`lat BETWEEN ${c.lat - dLat} AND ${c.lat + dLat} AND lng BETWEEN ${c.lng - dLng} AND ${c.lng + dLng}`, candidateLimits.nearby));
  }
  if (c.place && c.regionUnitId == null) {
    // Only without a region unit: with one, the region finds the same place more cheaply.
    const prefix = c.place.slice(0, placePrefixLength).replace(/[\\%_]/g, (x) => `\\${x}`);
    branches.push(branch(sql`dup_place LIKE ${`${prefix}%`}`, candidateLimits.place));
  }
  const bands = c.dupText ? textBandsBetween(c.dupText, from, to) : null;
  if (bands) {
    // Similar text anywhere in the city (the latest sharing a signature band), through cases_dup_bands_idx: the window
    // is hidden from the planner as for the phone, else it would read the whole window by cases_received_idx.
    branches.push(branch(sql`dup_bands && ${bands}::int[]`, candidateLimits.text, inWindowByPhone, textMatchesRead));
  }
  // UNION ALL: a case found twice is scored once (rankDuplicates skips repeats).
  return branches.length === 0 ? null : sql<CandidateRow>`${sql.join(branches, sql` UNION ALL `)}`;
}

/**
 * The candidates of several appeals in one query, for staff who see the
 * whole city (no visibility filter): the same five sources and limits as
 * {@link candidatesQuery}, per appeal through a LATERAL join over arrays of
 * the appeals' criteria, so the statement's text is the same whatever the
 * batch. Each row carries the `ord` of the appeal it is a candidate of.
 */
export function batchCandidatesQuery(appeals: ReadonlyArray<CandidateCriteria & { ord: number }>): RawBuilder<CandidateRow & { ord: number }> {
  const col = <T>(f: (c: CandidateCriteria & { ord: number }) => T) => appeals.map(f);
  const box = (c: CandidateCriteria) => {
    if (c.lat == null || c.lng == null) return null;
    const dLat = 0.002;
    const dLng = 0.002 / Math.max(0.1, Math.cos((c.lat * Math.PI) / 180));
    return { latLo: c.lat - dLat, latHi: c.lat + dLat, lngLo: c.lng - dLng, lngHi: c.lng + dLng };
  };
  const boxes = appeals.map(box);
  const placeLo = col((c) => (c.place && c.regionUnitId == null ? c.place.slice(0, placePrefixLength) : null));
  // The prefix range [lo, hi) with text_pattern_ops operators, which cases_place_idx serves for a parameter (LIKE could not).
  const bands = col((c) => {
    const b = c.dupText ? textBandsBetween(c.dupText, new Date(c.at.getTime() - c.windowDays * 86_400_000), new Date(c.at.getTime() + c.windowDays * 86_400_000)) : null;
    return b ? `{${b.join(',')}}` : null;
  });
  const placeHi = placeLo.map((lo) => (lo ? lo.slice(0, -1) + String.fromCodePoint(lo.codePointAt(lo.length - 1)! + 1) : null));
  const cols = sql`k.id, k.number, k.state, k.channel, k.title, k.received_at, k.citizen_phone, k.region_unit_id, k.address, k.lat, k.lng, k.dup_text, k.dup_place,
           CASE WHEN k.dup_text IS NULL THEN left(k.content, 600) END AS content_head`;
  const open = sql`k.state NOT IN ('merged', 'rejected')`;
  const inWindow = sql`k.received_at >= r.w_from AND k.received_at <= r.w_to`;
  return sql<CandidateRow & { ord: number }>`
    SELECT r.ord, f.*
      FROM unnest(${col((c) => c.ord)}::int[], ${col((c) => (c.phone ? phoneKey(c.phone) : null))}::text[], ${col((c) => c.regionUnitId)}::int[],
                  ${boxes.map((b) => b?.latLo ?? null)}::float8[], ${boxes.map((b) => b?.latHi ?? null)}::float8[],
                  ${boxes.map((b) => b?.lngLo ?? null)}::float8[], ${boxes.map((b) => b?.lngHi ?? null)}::float8[],
                  ${placeLo}::text[], ${placeHi}::text[], ${bands}::text[],
                  ${col((c) => new Date(c.at.getTime() - c.windowDays * 86_400_000).toISOString())}::timestamptz[],
                  ${col((c) => new Date(c.at.getTime() + c.windowDays * 86_400_000).toISOString())}::timestamptz[])
           AS r (ord, phone_key, region_unit_id, lat_lo, lat_hi, lng_lo, lng_hi, place_lo, place_hi, bands, w_from, w_to)
     CROSS JOIN LATERAL (
       (SELECT ${cols} FROM cases k
         WHERE r.phone_key IS NOT NULL AND ms_phone_key(k.citizen_phone) = r.phone_key AND ${open}
           -- the window hidden from the planner, as in candidatesQuery: a phone has few cases
           AND (k.received_at + interval '0') >= r.w_from AND (k.received_at + interval '0') <= r.w_to
         ORDER BY k.received_at DESC LIMIT ${sql.lit(candidateLimits.phone)})
       UNION ALL
       (SELECT ${cols} FROM cases k
         WHERE r.region_unit_id IS NOT NULL AND k.region_unit_id = r.region_unit_id AND ${inWindow} AND ${open}
         ORDER BY k.received_at DESC LIMIT ${sql.lit(candidateLimits.region)})
       UNION ALL
       (SELECT ${cols} FROM cases k
         WHERE r.lat_lo IS NOT NULL AND k.lat BETWEEN r.lat_lo AND r.lat_hi AND k.lng BETWEEN r.lng_lo AND r.lng_hi AND ${inWindow} AND ${open}
         ORDER BY k.received_at DESC LIMIT ${sql.lit(candidateLimits.nearby)})
       UNION ALL
       (SELECT ${cols} FROM cases k
         WHERE r.place_lo IS NOT NULL AND k.dup_place ~>=~ r.place_lo AND k.dup_place ~<~ r.place_hi AND ${inWindow} AND ${open}
         ORDER BY k.received_at DESC LIMIT ${sql.lit(candidateLimits.place)})
       UNION ALL
       (SELECT * FROM (
          SELECT ${cols} FROM cases k
           WHERE r.bands IS NOT NULL AND k.dup_bands && r.bands::int[] AND ${open}
             -- the window hidden from the planner: the signature index finds few cases, the window many
             AND (k.received_at + interval '0') >= r.w_from AND (k.received_at + interval '0') <= r.w_to
           LIMIT ${sql.lit(textMatchesRead)}) t
         ORDER BY t.received_at DESC LIMIT ${sql.lit(candidateLimits.text)})
     ) f`;
}

/** The candidates of an appeal (see {@link candidatesQuery}). */
export async function findCandidates(db: Queryable, actor: SessionActor, c: CandidateCriteria): Promise<CandidateRow[]> {
  const query = candidatesQuery(db, actor, c);
  return query ? (await query.execute(db)).rows : [];
}

/**
 * After a merge (并单): the merged appeal becomes a contact of the target, and
 * the contacts it had gathered itself follow it there, so the target lists
 * every citizen who raised the problem.
 */
export async function recordMergedContact(trx: Trx, merged: CaseRow, targetId: number) {
  await trx.updateTable('caseContacts').set({ caseId: targetId }).where('caseId', '=', merged.id).execute();
  await trx.insertInto('caseContacts').values({
    caseId: targetId, mergedCaseId: merged.id, channel: merged.channel, citizenName: merged.citizenName,
    citizenPhone: merged.citizenPhone, receivedAt: merged.receivedAt,
  }).execute();
}

/** The contacts merged into a case, oldest first, with the merged appeal's number and confidentiality. */
export async function loadContacts(db: Queryable, caseId: number) {
  return db.selectFrom('caseContacts as cc')
    .innerJoin('cases as m', 'm.id', 'cc.mergedCaseId')
    .select(['cc.id', 'cc.mergedCaseId', 'm.number as mergedCaseNumber', 'cc.channel', 'cc.citizenName', 'cc.citizenPhone', 'cc.receivedAt', 'm.confidential'])
    .where('cc.caseId', '=', caseId)
    .orderBy('cc.receivedAt').orderBy('cc.id')
    .execute();
}
export type ContactRow = Awaited<ReturnType<typeof loadContacts>>[number];

/**
 * The case a merged appeal's citizen follows: the end of its merge chain
 * (itself when it was not merged). What a public lookup by the merged
 * appeal's number should show. Undefined for an unknown id.
 */
export async function followMerges(db: Queryable, caseId: number): Promise<{ id: number; number: string } | undefined> {
  const { rows } = await sql<{ id: number; number: string }>`
    WITH RECURSIVE chain AS (
      SELECT id, number, merged_into_id, 0 AS depth FROM cases WHERE id = ${caseId}
      UNION ALL
      SELECT c.id, c.number, c.merged_into_id, chain.depth + 1 FROM cases c JOIN chain ON c.id = chain.merged_into_id WHERE chain.depth < 20
    )
    SELECT id, number FROM chain ORDER BY depth DESC LIMIT 1`.execute(db);
  return rows[0];
}

/** The number of the case this one was merged into (null when not merged). */
export async function mergedIntoNumber(db: Queryable, row: Pick<CaseRow, 'mergedIntoId'>): Promise<string | null> {
  if (row.mergedIntoId == null) return null;
  const target = await db.selectFrom('cases').select('number').where('id', '=', row.mergedIntoId).executeTakeFirst();
  return target?.number ?? null;
}

/**
 * Contacts and cases received in [from, to): every appeal received is one
 * CONTACT (来电来信 — each call, post or request, repeats included); a CASE
 * (诉求件) is an appeal that was not merged into another. So
 * `contacts − cases` is the number of repeats merged. An appeal counts where
 * it was received, even when the case it joined was received earlier.
 */
export async function countContactsAndCases(db: Queryable, from: Date, to: Date): Promise<{ contacts: number; cases: number }> {
  const row = await db.selectFrom('cases')
    .select((eb) => [
      eb.fn.countAll<number>().as('contacts'),
      sql<number>`count(*) FILTER (WHERE merged_into_id IS NULL)`.as('cases'),
    ])
    .where('receivedAt', '>=', from)
    .where('receivedAt', '<', to)
    .executeTakeFirstOrThrow();
  return { contacts: Number(row.contacts), cases: Number(row.cases) };
}
