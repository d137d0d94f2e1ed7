import { sql, type RawBuilder } from 'kysely';
import { splitPeriod, type Grain, type Period } from '../../domain/kpi.ts';
import { counterList } from './stats.facts.ts';

/**
 * Where figures are read from. A reader gives, for a period and filters,
 * rows `(day, unit_id, region_id, category_id, channel, type, counters…)`
 * that sum to the figures; a dimension a source does not keep is NULL.
 *
 * - The cube reader picks the smallest aggregate that keeps every
 *   dimension the question filters or groups by: stats_rollup's cuboids
 *   (total = channel × type, category, region, unit; and for a unit's own
 *   questions unit × channel × type, unit × region, unit × category), whole years from the
 *   yearly rows, whole months from the monthly rows and the days left over
 *   from the daily rows, else
 *   stats_daily; plus the unprojected tail (stats.tail.ts) when present.
 * - The naive reader reads a table of facts computed from the raw tables for
 *   this request (the baseline the benchmark compares against).
 */
export type Dim = 'channel' | 'type' | 'category' | 'region' | 'unit';

export interface Filters {
  /** Unit subtree (`units.path` prefix) of the unit a figure belongs to; '/' or absent = the whole city. */
  unitPath?: string | null;
  /** Region subtree of the place of the appeal. */
  regionPath?: string | null;
  /** Category subtree (any level). */
  categoryId?: number | null;
  channel?: string | null;
  type?: string | null;
}

export interface Reader {
  /** `coarsest`: the coarsest aggregate grain that may be read (a daily trend needs days). */
  rows(p: Period, f: Filters, groupDims: readonly Dim[], opts?: { coarsest?: Grain }): RawBuilder<unknown>;
}

const rowColumns = sql.raw(`day, unit_id, region_id, category_id, channel, type`);

export function filterDims(f: Filters): Dim[] {
  const d: Dim[] = [];
  if (f.unitPath && f.unitPath !== '/') d.push('unit');
  if (f.regionPath && f.regionPath !== '/') d.push('region');
  if (f.categoryId) d.push('category');
  if (f.channel) d.push('channel');
  if (f.type) d.push('type');
  return d;
}

/** The conditions of `f` on rows aliased `s`. */
export function filterSql(f: Filters, alias = 's'): RawBuilder<unknown> {
  const s = sql.raw(alias);
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.unitPath && f.unitPath !== '/') parts.push(sql`${s}.unit_id IN (SELECT id FROM units WHERE path LIKE ${`${f.unitPath}%`})`);
  if (f.regionPath && f.regionPath !== '/') parts.push(sql`${s}.region_id IN (SELECT id FROM units WHERE path LIKE ${`${f.regionPath}%`})`);
  if (f.categoryId) parts.push(sql`${s}.category_id IN (${categorySubtree(f.categoryId)})`);
  if (f.channel) parts.push(sql`${s}.channel = ${f.channel}`);
  if (f.type) parts.push(sql`${s}.type = ${f.type}`);
  return sql.join(parts, sql` AND `);
}

/** Ids of a category and every category below it (the tree has three levels). */
export function categorySubtree(id: number) {
  return sql`SELECT id FROM categories WHERE id = ${id} OR parent_id = ${id} OR parent_id IN (SELECT id FROM categories WHERE parent_id = ${id})`;
}

type Cuboid = 'total' | 'category' | 'region' | 'unit' | 'unit_ct' | 'unit_region' | 'unit_category';
/** The cuboids, smallest first, with their dimensions and whether they keep days (the two-dimensional ones keep months and years). */
const cuboids: ReadonlyArray<{ name: Cuboid; dims: readonly Dim[]; days: boolean }> = [
  { name: 'total', dims: ['channel', 'type'], days: true },
  { name: 'category', dims: ['category'], days: true },
  { name: 'region', dims: ['region'], days: true },
  { name: 'unit', dims: ['unit'], days: true },
  { name: 'unit_ct', dims: ['unit', 'channel', 'type'], days: false },
  { name: 'unit_region', dims: ['unit', 'region'], days: false },
  { name: 'unit_category', dims: ['unit', 'category'], days: false },
];

/** The smallest cuboid holding every dimension in `needed`, or undefined (then stats_daily). */
export function pickCuboid(needed: readonly Dim[]): Cuboid | undefined {
  return cuboids.find((c) => needed.every((d) => c.dims.includes(d)))?.name;
}

const rowColumnsOf = (c: Cuboid) => {
  const col = (name: string, type: string, has: boolean) => sql.raw(has ? `r.${name}` : `NULL::${type}`);
  const [unit, region, category] = ({
    total: [null, null, null], category: [null, null, 'key'], region: [null, 'key', null], unit: ['key', null, null],
    unit_ct: ['key', null, null], unit_region: ['key', 'key2', null], unit_category: ['key', null, 'key2'],
  } as const)[c];
  const withText = c === 'total' || c === 'unit_ct';
  return sql`r.period AS day, ${col(unit ?? '', 'int', unit !== null)} AS unit_id, ${col(region ?? '', 'int', region !== null)} AS region_id,
             ${col(category ?? '', 'int', category !== null)} AS category_id, ${col('channel', 'text', withText)} AS channel, ${col('type', 'text', withText)} AS type`;
};

function rollupRows(c: Cuboid, p: Period, coarsest: Grain) {
  const split = splitPeriod(p, coarsest);
  const keepsDays = cuboids.find((x) => x.name === c)!.days;
  const range = (grain: Grain) => (x: Period) => sql`(r.grain = ${grain} AND r.period BETWEEN ${x.from}::date AND ${x.to}::date)`;
  const ranges = [...split.years.map(range('year')), ...split.months.map(range('month')), ...(keepsDays ? split.days.map(range('day')) : [])];
  const stored = ranges.length
    ? sql`SELECT ${rowColumnsOf(c)}, ${counterList} FROM stats_rollup r WHERE r.cuboid = ${c} AND (${sql.join(ranges, sql` OR `)})`
    : sql`SELECT ${rowColumns}, ${counterList} FROM stats_daily WHERE false`;
  if (keepsDays || split.days.length === 0) return stored;
  // The days left over come from the daily rows.
  const days = split.days.map((d) => sql`day BETWEEN ${d.from}::date AND ${d.to}::date`);
  return sql`${stored} UNION ALL SELECT ${rowColumns}, ${counterList} FROM stats_daily WHERE ${sql.join(days, sql` OR `)}`;
}

/** The aggregates, plus the unprojected tail when `tail` (temp table stats_tail in this transaction). */
export function cubeReader(tail: boolean): Reader {
  return {
    rows(p, f, groupDims, opts = {}) {
      const cuboid = pickCuboid([...filterDims(f), ...groupDims]);
      const stored = cuboid
        ? rollupRows(cuboid, p, opts.coarsest ?? 'year')
        : sql`SELECT ${rowColumns}, ${counterList} FROM stats_daily WHERE day BETWEEN ${p.from}::date AND ${p.to}::date`;
      const unprojected = tail
        ? sql`UNION ALL SELECT ${rowColumns}, ${counterList} FROM stats_tail WHERE day BETWEEN ${p.from}::date AND ${p.to}::date`
        : sql``;
      return sql`(SELECT * FROM (${stored} ${unprojected}) u WHERE ${filterSql(f, 'u')})`;
    },
  };
}

/** Facts computed for this request into `table` (fine grain), read with the same filters. */
export function naiveReader(table: string): Reader {
  return {
    rows(p, f) {
      return sql`(SELECT ${rowColumns}, ${counterList} FROM ${sql.table(table)} n
                   WHERE n.day BETWEEN ${p.from}::date AND ${p.to}::date AND ${filterSql(f, 'n')})`;
    },
  };
}
