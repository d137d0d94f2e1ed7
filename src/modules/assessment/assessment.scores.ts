import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import { applyAppeals, scoreUnits, type AppealKind, type UnitScore } from '../../domain/assessment.ts';
import { counterColumn, evalExpr, figureExpr, type Counts, type Figure, type Period } from '../../domain/kpi.ts';
import { prepareTail, type TailInfo } from '../stats/stats.tail.ts';
import { toCounts } from '../stats/stats.live.ts';
import { activeScheme, type StoredScheme } from './assessment.repository.ts';
import { appealKindsSql, factsSource, notExcluded, unitFigures, type UnitSet } from './assessment.figures.ts';

/**
 * Monthly and annual scores (月度、年度考核得分) and ranks of the units of
 * one level, and one unit's breakdown with the cases behind every deduction.
 */
export type AssessmentLevel = 'county' | 'township' | 'department';

/** The units a level ranks (as the statistics league does), inside the subtree `scopePath`. */
export function levelUnits(level: AssessmentLevel, scopePath: string): UnitSet {
  const inScope = sql`r.path LIKE ${`${scopePath}%`}`;
  switch (level) {
    case 'county': return { where: sql`r.kind = 'region' AND r.level = 2 AND ${inScope}`, depth: 2 };
    case 'township': return { where: sql`r.kind = 'region' AND r.level = 3 AND ${inScope}`, depth: 3 };
    case 'department': return { where: sql`r.kind = 'department' AND r.parent_id = (SELECT id FROM units WHERE parent_id IS NULL) AND ${inScope}`, depth: 2 };
  }
}

/** A calendar month, or the whole year (Asia/Shanghai dates). */
export function periodOf(year: number, month?: number | null): Period {
  if (!month) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const mm = String(month).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${last}` };
}

const asOfOf = (t: TailInfo) => ({ projectedThrough: t.projectedThrough, tailEntries: t.tailEntries, exact: t.exact });
const schemeRef = (s: StoredScheme) => ({ year: s.year, id: s.id, name: s.name, source: s.source });

export interface ScoredUnit extends UnitScore {
  key: string;
  name: string;
  appealsAccepted: number;
  counts: Counts;
}

async function scored(trx: Trx, tail: TailInfo, stored: StoredScheme, period: Period, units: UnitSet): Promise<ScoredUnit[]> {
  const figures = await unitFigures(trx, tail.hasTail, stored.scheme.exclusions, period, units);
  const byId = new Map(figures.map((f) => [f.unitId, f]));
  return scoreUnits(stored.scheme, figures).map((s) => {
    const f = byId.get(s.unitId)!;
    return { ...s, key: f.key, name: f.name, appealsAccepted: f.appealedCases, counts: f.counts };
  });
}

export interface ScoresQuery {
  year: number;
  month: number | null;
  level: AssessmentLevel;
  parentId: number | null;
  scopePath: string;
}

export async function unitScores(db: Db, q: ScoresQuery) {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const tail = await prepareTail(trx);
    const stored = await activeScheme(trx, q.year);
    const period = periodOf(q.year, q.month);
    const units = await scored(trx, tail, stored, period, levelUnits(q.level, q.scopePath));
    return { year: q.year, month: q.month, period, level: q.level, parentId: q.parentId, scheme: schemeRef(stored), asOf: asOfOf(tail), units: units.map(({ counts: _, ...u }) => u) };
  });
}

export interface BreakdownQuery {
  year: number;
  month: number | null;
  unitId: number;
  limit: number;
}

interface CauseCase {
  id: number;
  number: string;
  title: string;
  state: string;
  count: number;
  appealed: boolean;
}

/**
 * One unit's score with the cases behind each figure that cost it points
 * (the failures of a missed indicator, the cases of a fixed deduction): read
 * from the same per-case facts as the score, so the counts of all cases add
 * up to the figure; cases changed by an accepted appeal count as adjusted.
 */
export async function unitBreakdown(db: Db, q: BreakdownQuery) {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const tail = await prepareTail(trx);
    const stored = await activeScheme(trx, q.year);
    const period = periodOf(q.year, q.month);
    const unit = await trx.selectFrom('units').select(['id', 'level']).where('id', '=', q.unitId).executeTakeFirstOrThrow();
    const [score] = await scored(trx, tail, stored, period, { where: sql`r.id = ${q.unitId}`, depth: unit.level });
    const figures: Array<{ figure: Figure; source: 'indicator' | 'deduction' }> = [];
    for (const i of score.indicators) if (i.deduction > 0 && i.figure) figures.push({ figure: i.figure, source: 'indicator' });
    for (const d of score.deductions) if (d.points > 0) figures.push({ figure: d.figure, source: 'deduction' });
    const counts = score.counts;
    const causes = [];
    for (const f of figures) {
      const { cases, hasMore } = await casesBehind(trx, tail.hasTail, stored, period, q.unitId, f.figure, q.limit);
      causes.push({ ...f, total: evalExpr(figureExpr(f.figure), counts), hasMore, cases });
    }
    const { counts: _c, ...unitScore } = score;
    return { year: q.year, month: q.month, period, scheme: schemeRef(stored), asOf: asOfOf(tail), unit: unitScore, causes };
  });
}

async function casesBehind(trx: Trx, tail: boolean, stored: StoredScheme, period: Period, unitId: number, figure: Figure, limit: number) {
  const e = figureExpr(figure);
  const expr = sql.raw(`(${e.plus.map((k) => `f.${counterColumn(k)}`).join(' + ')}${(e.minus ?? []).map((k) => ` - f.${counterColumn(k)}`).join('')})`);
  const where = sql`f.day BETWEEN ${period.from}::date AND ${period.to}::date AND ${notExcluded(stored.scheme.exclusions, 'f')}
    AND f.unit_id IN (SELECT id FROM units WHERE path LIKE (SELECT path FROM units WHERE id = ${unitId}) || '%')`;
  // Cases without an accepted appeal, straight from the facts (newest first, walking the facts' key backwards) …
  const { rows: plain } = await sql<{ caseId: number; count: number }>`
    SELECT f.case_id, sum(${expr})::int AS count FROM ${factsSource(tail)} f
     WHERE ${where} AND f.case_id NOT IN (SELECT case_id FROM assessment_appeals WHERE status = 'accepted')
     GROUP BY f.case_id HAVING sum(${expr}) > 0 ORDER BY f.case_id DESC LIMIT ${limit + 1}`.execute(trx);
  // … and those with one, as the appeals that apply to this subtree leave them.
  const { rows: appealed } = await sql<Record<string, unknown> & { caseId: number; kinds: AppealKind[] | null }>`
    SELECT f.*, ${appealKindsSql('f', 'u')} AS kinds FROM ${factsSource(tail)} f JOIN units u ON u.id = f.unit_id
     WHERE ${where} AND f.case_id IN (SELECT case_id FROM assessment_appeals WHERE status = 'accepted')`.execute(trx);
  const adjusted = new Map<number, { count: number; appealed: boolean }>();
  for (const a of appealed) {
    const c = applyAppeals(toCounts(a), [{ counts: toCounts(a), kinds: a.kinds ?? [] }]);
    const prev = adjusted.get(a.caseId) ?? { count: 0, appealed: false };
    adjusted.set(a.caseId, { count: prev.count + evalExpr(e, c), appealed: prev.appealed || Boolean(a.kinds) });
  }
  const merged = [
    ...plain.map((p) => ({ caseId: p.caseId, count: p.count, appealed: false })),
    ...[...adjusted].filter(([, a]) => a.count > 0).map(([caseId, a]) => ({ caseId, ...a })),
  ].sort((a, b) => b.caseId - a.caseId);
  const page = merged.slice(0, limit);
  const info = page.length
    ? await trx.selectFrom('cases').select(['id', 'number', 'title', 'state']).where('id', 'in', page.map((p) => p.caseId)).execute()
    : [];
  const byId = new Map(info.map((c) => [c.id, c]));
  const cases: CauseCase[] = page.map((p) => ({ ...byId.get(p.caseId)!, count: p.count, appealed: p.appealed }));
  return { cases, hasMore: merged.length > limit };
}
