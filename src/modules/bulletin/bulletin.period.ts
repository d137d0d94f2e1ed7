import { invalidInput } from '../../domain/errors.ts';
import { addDays, shanghaiDate, type Period } from '../../domain/kpi.ts';

/**
 * Bulletin periods (通报期): a calendar month `2026-10` (月报) or a quarter
 * `2026-Q3` (季报), as Asia/Shanghai civil dates. Pure: no I/O.
 */
export type BulletinKind = 'monthly' | 'quarterly';

export interface BulletinPeriod {
  kind: BulletinKind;
  /** The canonical name: `2026-10` or `2026-Q3`. */
  code: string;
  range: Period;
  /** The period just before, of the same kind (for "change vs previous"). */
  previous: { code: string; range: Period };
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthRange(y: number, m: number): Period {
  const from = `${y}-${pad(m)}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
  return { from, to: addDays(next, -1) };
}

function monthly(y: number, m: number) {
  return { code: `${y}-${pad(m)}`, range: monthRange(y, m) };
}

function quarterly(y: number, q: number) {
  return { code: `${y}-Q${q}`, range: { from: monthRange(y, q * 3 - 2).from, to: monthRange(y, q * 3).to } };
}

/**
 * Reads `2026-10` or `2026-Q3` (also `2026q3`).
 * @throws INVALID_INPUT for anything else, a year outside 2000–2099, or a period that has not ended by `now` (Asia/Shanghai).
 */
export function parseBulletinPeriod(text: string, now: Date): BulletinPeriod {
  const s = String(text ?? '').trim();
  const bad = () => invalidInput(`通报期应为 2026-10（月）或 2026-Q3（季度）：${s || '（空）'}`, `a bulletin period is 2026-10 (month) or 2026-Q3 (quarter): ${s || '(empty)'}`);
  let m = /^(\d{4})-(\d{2})$/.exec(s);
  let p: BulletinPeriod;
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12 || y < 2000 || y > 2099) throw bad();
    p = { kind: 'monthly', ...monthly(y, mo), previous: mo === 1 ? monthly(y - 1, 12) : monthly(y, mo - 1) };
  } else if ((m = /^(\d{4})-?[Qq]([1-4])$/.exec(s))) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    if (y < 2000 || y > 2099) throw bad();
    p = { kind: 'quarterly', ...quarterly(y, q), previous: q === 1 ? quarterly(y - 1, 4) : quarterly(y, q - 1) };
  } else {
    throw bad();
  }
  const today = shanghaiDate(now);
  if (p.range.to >= today) {
    throw invalidInput(`通报期 ${p.code} 尚未结束（截至 ${p.range.to}），结束后才能生成通报`, `the period ${p.code} has not ended yet (it ends ${p.range.to}); a bulletin can be made once it is over`);
  }
  return p;
}

/**
 * The first working day of the month holding `date`, by `isWorkday`
 * (the city's calendar); at most 31 days are tried.
 */
export function firstWorkdayOfMonth(date: string, isWorkday: (d: string) => boolean): string {
  const first = `${date.slice(0, 7)}-01`;
  for (let d = first, i = 0; i < 31; d = addDays(d, 1), i++) if (isWorkday(d)) return d;
  return first;
}

/**
 * What the schedule owes on `today` (Asia/Shanghai): on or after the first
 * working day of a month, last month's bulletin; in January, April, July and
 * October also last quarter's. The job makes each once (unique key), so
 * running late or twice changes nothing.
 */
export function duePeriods(today: string, isWorkday: (d: string) => boolean): string[] {
  if (today < firstWorkdayOfMonth(today, isWorkday)) return [];
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const out = [m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`];
  if (m % 3 === 1) out.push(m === 1 ? `${y - 1}-Q4` : `${y}-Q${(m - 1) / 3}`);
  return out;
}
