import { parseArgs } from 'node:util';
import type { Db } from '../../db/database.ts';
import { findUnitByKey } from '../org/org.repository.ts';
import { unitScores, type AssessmentLevel } from './assessment.scores.ts';

/**
 * `minsheng assessment scores --year Y [--month M] [--level county|township|department] [--parent UNIT_KEY]`:
 * the ranked score table, as the API computes it (docs/assessment.md).
 */
export async function assessmentCommand(sub: string | undefined, args: string[], withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>) {
  if (sub !== 'scores') throw new Error('usage: minsheng assessment scores --year YYYY [--month M] [--level county|township|department] [--parent UNIT_KEY]');
  const { values } = parseArgs({ args, options: { year: { type: 'string' }, month: { type: 'string' }, level: { type: 'string' }, parent: { type: 'string' } } });
  const year = Number(values.year);
  const month = values.month === undefined ? null : Number(values.month);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error('--year YYYY is required (2000–2100)');
  if (month !== null && (!Number.isInteger(month) || month < 1 || month > 12)) throw new Error('--month must be 1–12');
  const level = (values.level ?? 'county') as AssessmentLevel;
  if (!['county', 'township', 'department'].includes(level)) throw new Error('--level must be county, township or department');
  return withDb(async (db) => {
    const parent = values.parent ? await findUnitByKey(db, values.parent) : undefined;
    if (values.parent && !parent) throw new Error(`no unit with key ${values.parent}`);
    const r = await unitScores(db, { year, month, level, parentId: parent?.id ?? null, scopePath: parent?.path ?? '/' });
    console.log(`${r.year}${r.month ? `-${String(r.month).padStart(2, '0')}` : ''} ${r.level} · scheme: ${r.scheme.name} (${r.scheme.source}) · ${r.period.from}..${r.period.to}`);
    const rows = r.units.map((u) => [
      u.rank === null ? '-' : String(u.rank), u.key, u.name, u.total === null ? '不参评 not rated' : u.total.toFixed(2),
      ...u.indicators.map((i) => i.points.toFixed(2)),
      u.deductions.reduce((t, d) => t + d.points, 0).toFixed(2),
    ]);
    const head = ['rank', 'key', 'unit', 'total', ...(r.units[0]?.indicators.map((i) => i.kpi) ?? []), 'deducted'];
    const width = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]))));
    const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(width[i] - displayWidth(c))).join('  ').trimEnd();
    console.log(line(head));
    for (const row of rows) console.log(line(row));
  });
}

/** Columns a string takes in a terminal (CJK characters take two). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
