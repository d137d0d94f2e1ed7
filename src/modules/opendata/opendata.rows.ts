import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { invalidInput } from '../../domain/errors.ts';
import { addDays, daysIn, type Period } from '../../domain/kpi.ts';

/**
 * The open-data table of cases (docs/open-data.md): one anonymised row per
 * case received in a period. What it reads decides what it can leak, so it
 * reads only: the case number (turned into a pseudonym, never written),
 * channel, type, state, the received and closed instants (written as dates),
 * the category's name, the place's unit path (mapped up to the township and
 * county by name), and each case's KPI facts (on time, resolution,
 * rating) from the statistics module. It never reads names, phones,
 * addresses, coordinates, titles, contents or replies, and it leaves out
 * confidential cases (保密) entirely.
 */
export const openDataColumns = [
  'id', 'received_date', 'channel', 'type', 'category', 'county', 'township',
  'state', 'closed_date', 'on_time', 'resolution', 'satisfaction',
] as const;

const PAGE = 1000;
/** The longest period one public request may ask for. */
export const MAX_PUBLIC_DAYS = 366;

/**
 * Reads `from` and `to` (YYYY-MM-DD, Asia/Shanghai, both included).
 * @throws INVALID_INPUT when missing, malformed, reversed, or (with `maxDays`) too long.
 */
export function openDataPeriod(raw: { from?: string; to?: string }, opts: { maxDays?: number; now?: Date } = {}): Period {
  const date = (v: string | undefined, name: string) => {
    if (!v) throw invalidInput(`缺少 ${name}（YYYY-MM-DD）`, `${name} (YYYY-MM-DD) is required`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
      throw invalidInput(`${name} 应为日期 YYYY-MM-DD：${v}`, `${name} must be a date YYYY-MM-DD: ${v}`);
    }
    return v;
  };
  const p = { from: date(raw.from, 'from'), to: date(raw.to, 'to') };
  if (p.from > p.to) throw invalidInput('from 不能晚于 to', 'from must not be after to');
  if (opts.maxDays && daysIn(p) > opts.maxDays) throw invalidInput(`一次最多导出 ${opts.maxDays} 天`, `at most ${opts.maxDays} days per request`);
  return p;
}

/** One case as the query gives it: every column already as the text written, except the case number. */
interface OpenRow {
  id: number;
  cursor_at: string;
  number: string;
  cols: string[];
}

/** The pseudonymous id of a case: HMAC-SHA256 of its number under the installation's secret, 20 hex digits. */
export function pseudonym(secret: string, caseNumber: string): string {
  return createHmac('sha256', secret).update(caseNumber).digest('hex').slice(0, 20);
}

/**
 * The header, then one row per case received in the period (in the order
 * they were received), read page by page so memory stays flat. Run it inside one
 * REPEATABLE READ transaction for a consistent file.
 */
export async function* openDataRows(db: Queryable, p: Period): AsyncGenerator<string[]> {
  yield [...openDataColumns];
  const { secret } = await db.selectFrom('openDataKey').select('secret').executeTakeFirstOrThrow();
  const from = sql`(${p.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const to = sql`(${addDays(p.to, 1)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const day = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`);
  // Places by the place's path: the county (level 2) and township (level 3) above or at it, never the village itself.
  const placeAt = (depth: number, level: number) => sql`(SELECT u.name FROM units u
    WHERE u.id = nullif(split_part(r.path, '/', ${depth + 1}), '')::int AND u.kind = 'region' AND u.level = ${level})`;
  // Raw rows (no camelCase plugin): the columns are read positionally, and a million rows should not pay for key renaming.
  const raw = db.withoutPlugins();
  // Keyset over (received_at, id), the order cases were taken in; the instant is carried as text so microseconds survive.
  let after: { at: string; id: number } | null = null;
  for (;;) {
    const { rows }: { rows: OpenRow[] } = await sql<OpenRow>`
      SELECT c.id, c.received_at::text AS cursor_at, c.number, ARRAY[
               ${day('c.received_at')}, c.channel, c.type, coalesce(k.full_name, ''),
               coalesce(${placeAt(2, 2)}, ''), coalesce(${placeAt(3, 3)}, ''),
               c.state,
               CASE WHEN c.state IN ('closed', 'archived') AND c.closed_at IS NOT NULL THEN ${day('c.closed_at')} ELSE '' END,
               CASE WHEN f.handled_closed > 0 THEN CASE WHEN f.closed_on_time > 0 THEN '1' ELSE '0' END ELSE '' END,
               CASE WHEN f.rated > 0 THEN CASE WHEN f.resolved > 0 THEN 'resolved' WHEN f.partly_resolved > 0 THEN 'partly' ELSE 'unresolved' END ELSE '' END,
               CASE WHEN f.rated > 0 THEN CASE WHEN f.sat_very > 0 THEN 'very_satisfied' WHEN f.sat_ok > 0 THEN 'satisfied'
                 WHEN f.sat_basic > 0 THEN 'basically_satisfied' WHEN f.sat_no > 0 THEN 'dissatisfied'
                 WHEN f.sat_very_no > 0 THEN 'very_dissatisfied' ELSE '' END ELSE '' END
             ]::text[] AS cols
        FROM cases c
        LEFT JOIN categories k ON k.id = c.category_id
        LEFT JOIN units r ON r.id = c.region_unit_id
        LEFT JOIN LATERAL (
          SELECT sum(handled_closed) AS handled_closed, sum(closed_on_time) AS closed_on_time, sum(rated) AS rated,
                 sum(resolved) AS resolved, sum(partly_resolved) AS partly_resolved,
                 sum(sat_very) AS sat_very, sum(sat_ok) AS sat_ok, sum(sat_basic) AS sat_basic,
                 sum(sat_no) AS sat_no, sum(sat_very_no) AS sat_very_no
            FROM stats_case_facts s WHERE s.case_id = c.id) f ON true
       WHERE c.received_at >= ${from} AND c.received_at < ${to} AND NOT c.confidential
         ${after ? sql`AND (c.received_at, c.id) > (${after.at}::timestamptz, ${after.id})` : sql``}
       ORDER BY c.received_at, c.id
       LIMIT ${PAGE}`.execute(raw);
    if (!rows.length) return;
    for (const c of rows) yield [pseudonym(secret, c.number), ...c.cols];
    const last: OpenRow = rows[rows.length - 1];
    after = { at: last.cursor_at, id: last.id };
  }
}
