import { sql, type RawBuilder } from 'kysely';
import type { Trx } from '../../db/database.ts';
import { applyAppeals, type AppealKind, type AppealedFact, type Exclusions } from '../../domain/assessment.ts';
import { type Counts, type Period } from '../../domain/kpi.ts';
import { counterList, sumCounters } from '../stats/stats.facts.ts';
import { toCounts } from '../stats/stats.live.ts';
import { cubeReader, type Dim } from '../stats/stats.reader.ts';

/**
 * The figures a scheme scores, read from the statistics aggregates
 * (src/modules/stats: the same counters as the dashboard and the league,
 * exact up to now with the unprojected tail), minus what the scheme
 * excludes, with the cases of accepted appeals adjusted (src/domain/assessment.ts
 * `applyAppeals`). A unit's figures are those of its subtree. Runs inside the
 * caller's REPEATABLE READ transaction, after `prepareTail`.
 */

/** The rows a scheme leaves out, as a condition on fact or aggregate rows aliased `alias`. */
export function notExcluded(ex: Exclusions, alias: string): RawBuilder<unknown> {
  const a = sql.raw(alias);
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (ex.channels.length) parts.push(sql`${a}.channel <> ALL(${ex.channels}::text[])`);
  if (ex.types.length) parts.push(sql`${a}.type <> ALL(${ex.types}::text[])`);
  if (ex.categoryIds.length) {
    const ids = ex.categoryIds;
    parts.push(sql`${a}.category_id NOT IN (SELECT id FROM categories WHERE id = ANY(${ids}::int[]) OR parent_id = ANY(${ids}::int[])
                     OR parent_id IN (SELECT id FROM categories WHERE parent_id = ANY(${ids}::int[])))`);
  }
  return sql.join(parts, sql` AND `);
}

/** The dimensions the aggregate rows must keep for the exclusions to apply (the smallest cuboid that has them is read). */
function dimsFor(ex: Exclusions): Dim[] {
  const d: Dim[] = ['unit'];
  if (ex.channels.length || ex.types.length) d.push('channel', 'type');
  if (ex.categoryIds.length) d.push('category');
  return d;
}

/** Per-case facts: the stored ones, with the cases the projector has not read yet recomputed (stats.tail.ts). */
export function factsSource(tail: boolean): RawBuilder<unknown> {
  const cols = sql`case_id, day, unit_id, region_id, category_id, channel, type, ${counterList}`;
  return tail
    ? sql`(SELECT ${cols} FROM stats_case_facts WHERE case_id NOT IN (SELECT case_id FROM stats_tail_cases) UNION ALL SELECT ${cols} FROM stats_tail_facts)`
    : sql`(SELECT ${cols} FROM stats_case_facts)`;
}

/** The kinds of the accepted appeals that apply to fact `f` of unit `u` (filed by that unit or a unit above it), or NULL. */
export const appealKindsSql = (f: string, u: string) => sql`(
  SELECT array_agg(DISTINCT ap.kind ORDER BY ap.kind) FROM assessment_appeals ap JOIN units au ON au.id = ap.unit_id
   WHERE ap.status = 'accepted' AND ap.case_id = ${sql.raw(f)}.case_id AND ${sql.raw(u)}.path LIKE au.path || '%')`;

/** Which units are scored: a condition on `units r`, and their depth in the tree (root = 1). */
export interface UnitSet {
  where: RawBuilder<unknown>;
  depth: number;
}

export interface UnitFigures {
  unitId: number;
  key: string;
  name: string;
  counts: Counts;
  /** Cases whose figures an accepted appeal changed. */
  appealedCases: number;
}

export async function unitFigures(trx: Trx, tail: boolean, ex: Exclusions, period: Period, units: UnitSet): Promise<UnitFigures[]> {
  const anc = sql`nullif(split_part(u.path, '/', ${units.depth + 1}), '')::int`;
  const { rows } = await sql<Record<string, unknown> & { id: number; key: string; name: string }>`
    WITH s AS (
      SELECT ${anc} AS ranked_id, ${sumCounters('s.')}
        FROM (SELECT unit_id, ${sumCounters()} FROM ${cubeReader(tail).rows(period, {}, dimsFor(ex))} x
               WHERE ${notExcluded(ex, 'x')} GROUP BY unit_id) s
        JOIN units u ON u.id = s.unit_id
       GROUP BY 1
    )
    SELECT r.id, r.key, r.name, s.*
      FROM units r LEFT JOIN s ON s.ranked_id = r.id
     WHERE ${units.where} AND r.active
     ORDER BY r.path`.execute(trx);
  const { rows: appealed } = await sql<Record<string, unknown> & { rankedId: number; caseId: number; kinds: AppealKind[] }>`
    SELECT * FROM (
      SELECT ${anc} AS ranked_id, f.*, ${appealKindsSql('f', 'u')} AS kinds
        FROM ${factsSource(tail)} f JOIN units u ON u.id = f.unit_id
       WHERE f.day BETWEEN ${period.from}::date AND ${period.to}::date AND ${notExcluded(ex, 'f')}
         AND f.case_id IN (SELECT case_id FROM assessment_appeals WHERE status = 'accepted')
    ) a WHERE a.kinds IS NOT NULL`.execute(trx);
  const byUnit = new Map<number, { facts: AppealedFact[]; cases: Set<number> }>();
  for (const a of appealed) {
    const entry = byUnit.get(a.rankedId) ?? { facts: [], cases: new Set<number>() };
    entry.facts.push({ counts: toCounts(a), kinds: a.kinds });
    entry.cases.add(a.caseId);
    byUnit.set(a.rankedId, entry);
  }
  return rows.map((r) => {
    const a = byUnit.get(r.id);
    return { unitId: r.id, key: r.key, name: r.name, counts: applyAppeals(toCounts(r), a?.facts ?? []), appealedCases: a?.cases.size ?? 0 };
  });
}
