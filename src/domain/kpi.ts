/**
 * The figures leaders steer by (DOMAIN.md "KPIs"): what each counter counts,
 * which instant puts it in a period, which unit it belongs to, and how the
 * rates (numerator ÷ denominator) are made from the counters. Pure: no I/O.
 *
 * Two kinds of counters, each additive, so that any period × unit subtree ×
 * category × channel × type is a plain sum:
 *
 * - **case counters** count a case once. The case belongs to the day it was
 *   received (`cases.received_at`, the Asia/Shanghai civil date: the 受理日期
 *   cohort) and to its lead unit (主办单位: the unit it was last dispatched
 *   to, i.e. the unit that answered it; none before dispatch). Their state is
 *   "as of now": a case received in March and closed in April raises March's
 *   办结 when it closes.
 * - **assignment counters** count each dispatch of a case to a unit (lead,
 *   assisting 协办 and dispatched-down 下派 units alike). An assignment belongs
 *   to the day it was last dispatched (`case_assignments.dispatched_at`; a
 *   return the centre overruled re-dispatches the same assignment) and to the
 *   unit it was dispatched to.
 *
 * Every counter is computed from the case history (`case_history`) and the
 * rows it describes (`cases`, `case_assignments`); src/modules/stats/stats.facts.ts
 * is the same definitions in SQL. Nothing depends on the clock: a figure
 * changes only when something happens to a case.
 */

export type Anchor = 'receipt' | 'assignment';

export interface CounterDef {
  /** camelCase name (API); the column is its snake_case form. */
  key: CounterKey;
  anchor: Anchor;
  zh: string;
  en: string;
  /** What is counted, for the documentation (docs/statistics.md). */
  definition: string;
}

export const counterKeys = [
  'received', 'merged', 'rejected', 'accepted', 'direct', 'dispatched', 'closed', 'replied',
  'handledClosed', 'closedOnTime', 'calledBack', 'rated', 'resolved', 'partlyResolved',
  'satVery', 'satOk', 'satBasic', 'satNo', 'satVeryNo',
  'rehandled', 'overdue', 'urged', 'supervised', 'instructed', 'unreasonable',
  'assignments', 'signedOnTime', 'returned', 'extended',
] as const;
export type CounterKey = (typeof counterKeys)[number];
export type Counts = Record<CounterKey, number>;

/**
 * History actions that mark an appeal unreasonable (不合理诉求, after review).
 * None exists yet: when the action lands, name it here and such cases leave
 * the denominators of 解决率 and 满意率 (they still count as received).
 */
export const unreasonableActions: readonly string[] = ['markUnreasonable'];

export const counters: readonly CounterDef[] = [
  { key: 'received', anchor: 'receipt', zh: '来件量', en: 'Contacts', definition: 'Every appeal taken in (any channel), including repeats later merged (并单) and appeals not accepted (不予受理).' },
  { key: 'merged', anchor: 'receipt', zh: '并单量', en: 'Merged repeats', definition: 'Appeals merged into another case (the history has `merge`). Not in 受理量: the citizen follows the case they were merged into.' },
  { key: 'rejected', anchor: 'receipt', zh: '不予受理量', en: 'Not accepted', definition: 'Appeals not accepted (`reject`).' },
  { key: 'accepted', anchor: 'receipt', zh: '受理量', en: 'Accepted', definition: 'Received minus merged minus rejected: the cases the city owes an answer. Every case counter below counts accepted cases only.' },
  { key: 'direct', anchor: 'receipt', zh: '直接办结量', en: 'Answered at intake', definition: 'Accepted cases closed by the centre at intake (`answer`, 直接办结).' },
  { key: 'dispatched', anchor: 'receipt', zh: '派单量', en: 'Dispatched cases', definition: 'Accepted cases dispatched to a unit at least once (`dispatch`).' },
  { key: 'closed', anchor: 'receipt', zh: '办结量', en: 'Closed', definition: 'Accepted cases closed now (an `answer`, `recordCallback` or `close` that led to `closed`; archived cases stay closed).' },
  { key: 'replied', anchor: 'receipt', zh: '已答复量', en: 'Replied', definition: 'Accepted cases whose citizen has an answer: answered at intake, or a reply approved by the centre (`approve`).' },
  { key: 'handledClosed', anchor: 'receipt', zh: '办结量（经承办）', en: 'Closed after handling', definition: 'Closed cases that were dispatched (closed after the lead unit\'s reply; excludes answers at intake).' },
  { key: 'closedOnTime', anchor: 'receipt', zh: '按时办结量', en: 'Closed on time', definition: 'Closed after handling, and the last reply draft (`draftReply`) was written at or before the drafting assignment\'s reply deadline as it stands (extensions and re-handling move it; no deadline = on time).' },
  { key: 'calledBack', anchor: 'receipt', zh: '回访量', en: 'Called back', definition: 'Closed after handling with at least one reached callback (`recordCallback` with reached). Unreached attempts do not count.' },
  { key: 'rated', anchor: 'receipt', zh: '参评量', en: 'Rated', definition: 'Called back, and not marked unreasonable (不合理诉求). The rating is the last reached callback\'s.' },
  { key: 'resolved', anchor: 'receipt', zh: '解决量', en: 'Resolved', definition: 'Rated cases whose last reached callback says resolved (解决).' },
  { key: 'partlyResolved', anchor: 'receipt', zh: '部分解决量', en: 'Partly resolved', definition: 'Rated cases whose last reached callback says partly resolved (部分解决); not in 解决量.' },
  { key: 'satVery', anchor: 'receipt', zh: '非常满意', en: 'Very satisfied', definition: 'Rated cases, last rating 非常满意.' },
  { key: 'satOk', anchor: 'receipt', zh: '满意', en: 'Satisfied', definition: 'Rated cases, last rating 满意.' },
  { key: 'satBasic', anchor: 'receipt', zh: '基本满意', en: 'Basically satisfied', definition: 'Rated cases, last rating 基本满意.' },
  { key: 'satNo', anchor: 'receipt', zh: '不满意', en: 'Dissatisfied', definition: 'Rated cases, last rating 不满意.' },
  { key: 'satVeryNo', anchor: 'receipt', zh: '非常不满意', en: 'Very dissatisfied', definition: 'Rated cases, last rating 非常不满意.' },
  { key: 'rehandled', anchor: 'receipt', zh: '重办量', en: 'Re-handled', definition: 'Dispatched cases re-handled (`rehandle`, 重办) at least once.' },
  { key: 'overdue', anchor: 'receipt', zh: '超期量', en: 'Went overdue', definition: 'Accepted cases where a unit\'s reply deadline expired before its reply (the sweeper\'s `autoUrge` of the reply stage) at least once.' },
  { key: 'urged', anchor: 'receipt', zh: '催办量', en: 'Urged', definition: 'Accepted cases urged (`urge` or `autoUrge`) at least once.' },
  { key: 'supervised', anchor: 'receipt', zh: '督办量', en: 'Supervised', definition: 'Accepted cases supervised (`supervise`, `autoSupervise` or `autoListed`) at least once.' },
  { key: 'instructed', anchor: 'receipt', zh: '领导批示量', en: 'Leader instructions', definition: 'Accepted cases with a leader\'s instruction (`instruct`).' },
  { key: 'unreasonable', anchor: 'receipt', zh: '不合理诉求量', en: 'Unreasonable', definition: 'Accepted cases marked unreasonable after review (hook: no such action exists yet).' },
  { key: 'assignments', anchor: 'assignment', zh: '派单次数（单位）', en: 'Assignments', definition: 'Dispatches to units (lead, assisting, dispatched down), except assignments the centre withdrew (改派) before the unit signed.' },
  { key: 'signedOnTime', anchor: 'assignment', zh: '按时签收量', en: 'Signed on time', definition: 'Assignments signed (签收) at or before their sign deadline (no deadline = on time). Pending and returned-unsigned assignments are not.' },
  { key: 'returned', anchor: 'assignment', zh: '退单量', en: 'Returned', definition: 'Assignments the unit returned (退单) at least once, also when the centre overruled the return.' },
  { key: 'extended', anchor: 'assignment', zh: '延期量', en: 'Extended', definition: 'Assignments with at least one approved extension (延期).' },
];

export const counterDefs: Record<CounterKey, CounterDef> = Object.fromEntries(counters.map((c) => [c.key, c])) as Record<CounterKey, CounterDef>;

/** snake_case column of a counter. */
export function counterColumn(key: CounterKey): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function zeroCounts(): Counts {
  return Object.fromEntries(counterKeys.map((k) => [k, 0])) as Counts;
}

/** A figure made of counters: a counter itself, or a sum/difference of counters (for drill-down). */
export type Expr = { plus: readonly CounterKey[]; minus?: readonly CounterKey[] };

export function evalExpr(e: Expr, c: Counts): number {
  return e.plus.reduce((s, k) => s + c[k], 0) - (e.minus ?? []).reduce((s, k) => s + c[k], 0);
}

/** Figures that are not counters themselves but can be drilled into. */
export const derivedFigures = {
  satisfied: { plus: ['satVery', 'satOk', 'satBasic'] },
  dissatisfied: { plus: ['satNo', 'satVeryNo'] },
  open: { plus: ['accepted'], minus: ['closed'] },
  closedLate: { plus: ['handledClosed'], minus: ['closedOnTime'] },
  notSignedOnTime: { plus: ['assignments'], minus: ['signedOnTime'] },
  notCalledBack: { plus: ['handledClosed'], minus: ['calledBack'] },
  unresolved: { plus: ['rated'], minus: ['resolved'] },
} as const satisfies Record<string, Expr>;
export type DerivedFigure = keyof typeof derivedFigures;
export type Figure = CounterKey | DerivedFigure;

export function figureExpr(f: Figure): Expr {
  return (counterKeys as readonly string[]).includes(f) ? { plus: [f as CounterKey] } : derivedFigures[f as DerivedFigure];
}

export const figureNames: readonly Figure[] = [...counterKeys, ...(Object.keys(derivedFigures) as DerivedFigure[])];

export type KpiKey =
  | 'directRate' | 'signOnTimeRate' | 'closureRate' | 'closedOnTimeRate' | 'replyRate' | 'callbackRate'
  | 'resolutionRate' | 'satisfactionRate' | 'returnRate' | 'rehandleRate' | 'extensionRate';

export interface KpiDef {
  key: KpiKey;
  zh: string;
  en: string;
  numerator: Figure;
  denominator: Figure;
  /** Whether a higher rate is better (for rankings). */
  higherIsBetter: boolean;
  note: string;
}

/** The rates (率) on the dashboard, in the order leaders read them. */
export const kpis: readonly KpiDef[] = [
  { key: 'directRate', zh: '直办率', en: 'Direct resolution rate', numerator: 'direct', denominator: 'accepted', higherIsBetter: true, note: 'Answered at intake ÷ accepted.' },
  { key: 'signOnTimeRate', zh: '按时签收率', en: 'Signed on time', numerator: 'signedOnTime', denominator: 'assignments', higherIsBetter: true, note: 'Assignments signed by their sign deadline ÷ assignments dispatched (by dispatch date, to the assignment\'s unit).' },
  { key: 'closureRate', zh: '办结率', en: 'Closure rate', numerator: 'closed', denominator: 'accepted', higherIsBetter: true, note: 'Closed ÷ accepted, of the cases received in the period, as of now.' },
  { key: 'closedOnTimeRate', zh: '按时办结率', en: 'Closed on time', numerator: 'closedOnTime', denominator: 'handledClosed', higherIsBetter: true, note: 'Closed with the lead unit\'s reply drafted by its reply deadline ÷ closed after handling.' },
  { key: 'replyRate', zh: '回复率', en: 'Reply rate', numerator: 'replied', denominator: 'accepted', higherIsBetter: true, note: 'Replied (approved reply or answer at intake) ÷ accepted; on the message board slice (channel=board) the board\'s 回复率.' },
  { key: 'callbackRate', zh: '回访率', en: 'Callback rate', numerator: 'calledBack', denominator: 'handledClosed', higherIsBetter: true, note: 'Closed after handling with a reached callback ÷ closed after handling.' },
  { key: 'resolutionRate', zh: '解决率', en: 'Resolution rate', numerator: 'resolved', denominator: 'rated', higherIsBetter: true, note: 'Resolved ÷ rated (last reached callback; 部分解决 is not resolved).' },
  { key: 'satisfactionRate', zh: '满意率', en: 'Satisfaction rate', numerator: 'satisfied', denominator: 'rated', higherIsBetter: true, note: '(非常满意 + 满意 + 基本满意) ÷ rated, on the last reached callback of closed cases.' },
  { key: 'returnRate', zh: '退单率', en: 'Return rate', numerator: 'returned', denominator: 'assignments', higherIsBetter: false, note: 'Assignments returned at least once ÷ assignments dispatched.' },
  { key: 'rehandleRate', zh: '重办率', en: 'Re-handling rate', numerator: 'rehandled', denominator: 'dispatched', higherIsBetter: false, note: 'Dispatched cases re-handled at least once ÷ dispatched cases.' },
  { key: 'extensionRate', zh: '延期率', en: 'Extension rate', numerator: 'extended', denominator: 'assignments', higherIsBetter: false, note: 'Assignments with an approved extension ÷ assignments dispatched.' },
];

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, or null when nothing is to be divided. */
  value: number | null;
}

export function ratio(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

export function computeKpis(c: Counts): Record<KpiKey, Rate> {
  return Object.fromEntries(
    kpis.map((k) => [k.key, ratio(evalExpr(figureExpr(k.numerator), c), evalExpr(figureExpr(k.denominator), c))]),
  ) as Record<KpiKey, Rate>;
}

/**
 * Hotline answer rates (接通率, 15秒接通率), from the call records
 * (`hotline_calls`, by the Asia/Shanghai date a call was offered): answered ÷
 * offered and answered within 15 s ÷ offered; calls missed and called back
 * stay unanswered (src/modules/hotline/hotline.rules.ts).
 */
export interface CallCounts {
  /** Every call offered to the desk in the period, whatever its outcome. */
  offered: number;
  /** Outcome `answered`: an agent picked it up. */
  answered: number;
  /** Answered with answeredAt − offeredAt ≤ 15 s. */
  answeredWithin15s: number;
  /** Outcome `abandoned`: missed, not (yet) called back. */
  abandoned: number;
  /** Outcome `called_back`: missed, then called back; not answered for the rates. */
  calledBack: number;
}

/** Called-back calls are in the denominator, not the numerator: calling back does not make a missed call answered. */
export function callRates(c: CallCounts) {
  return { connectionRate: ratio(c.answered, c.offered), answeredWithin15sRate: ratio(c.answeredWithin15s, c.offered) };
}

/**
 * 调处率 (disputes mediated ÷ accepted) needs dispute mediation, which does not
 * exist yet: a placeholder so the dashboard shape does not change when it lands.
 */
export const mediationRateHook = { key: 'mediationRate', zh: '调处率', en: 'Mediation rate', available: false } as const;

/**
 * Default weights of the league table's composite score (综合得分, 0–100): the
 * weighted mean of the rates a unit has figures for; "lower is better" rates
 * count as 1 − rate. The annual assessment (年度考核) will make these
 * configuration; until then they are this table.
 */
export const leagueWeights: Partial<Record<KpiKey, number>> = {
  signOnTimeRate: 10,
  closureRate: 15,
  closedOnTimeRate: 20,
  resolutionRate: 15,
  satisfactionRate: 25,
  returnRate: 10,
  rehandleRate: 5,
};

/** The composite score of one unit, or null when none of the weighted rates has a denominator. */
export function compositeScore(rates: Record<KpiKey, Rate>, weights: Partial<Record<KpiKey, number>> = leagueWeights): number | null {
  let sum = 0;
  let weight = 0;
  for (const k of kpis) {
    const w = weights[k.key];
    const v = rates[k.key].value;
    if (!w || v === null) continue;
    sum += w * (k.higherIsBetter ? v : 1 - v);
    weight += w;
  }
  return weight === 0 ? null : Math.round((sum / weight) * 10000) / 100;
}

// ---- periods (Asia/Shanghai civil dates, 'YYYY-MM-DD', both ends inclusive) ----

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(d: string, n: number): string {
  return fromMs(toMs(d) + n * DAY_MS);
}

export function daysIn(p: Period): number {
  return Math.round((toMs(p.to) - toMs(p.from)) / DAY_MS) + 1;
}

/** The equal-length period just before `p` (for "rising" comparisons). */
export function previousPeriod(p: Period): Period {
  const n = daysIn(p);
  return { from: addDays(p.from, -n), to: addDays(p.from, -1) };
}

function monthStart(d: string): string {
  return `${d.slice(0, 7)}-01`;
}

function nextMonth(d: string): string {
  const [y, m] = d.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export type Grain = 'day' | 'month' | 'year';

/** A period cut into ranges of whole years, whole months and single days (each list of inclusive ranges). */
export interface PeriodSplit {
  years: Period[];
  months: Period[];
  days: Period[];
}

function splitMonths(p: Period, out: PeriodSplit) {
  const first = monthStart(p.from) === p.from ? p.from : nextMonth(p.from);
  let lastEnd = first; // exclusive end of the last whole month
  for (let m = first; addDays(nextMonth(m), -1) <= p.to; m = nextMonth(m)) lastEnd = nextMonth(m);
  if (lastEnd === first) {
    out.days.push(p);
    return;
  }
  if (p.from < first) out.days.push({ from: p.from, to: addDays(first, -1) });
  out.months.push({ from: first, to: addDays(lastEnd, -1) });
  if (lastEnd <= p.to) out.days.push({ from: lastEnd, to: p.to });
}

/**
 * Splits a period into whole calendar years, whole months and the days left
 * over, so each part can be read from the coarsest aggregate that fits it.
 * `coarsest` limits the grains used (a monthly trend must not read years).
 */
export function splitPeriod(p: Period, coarsest: Grain = 'year'): PeriodSplit {
  const out: PeriodSplit = { years: [], months: [], days: [] };
  if (coarsest === 'day') {
    out.days.push(p);
    return out;
  }
  const y1 = Number(p.from.slice(0, 4)) + (p.from.slice(5) === '01-01' ? 0 : 1);
  const y2 = Number(p.to.slice(0, 4)) - (p.to.slice(5) === '12-31' ? 0 : 1);
  if (coarsest === 'month' || y1 > y2) {
    splitMonths(p, out);
    return out;
  }
  const yFrom = `${y1}-01-01`;
  const yTo = `${y2}-12-31`;
  if (p.from < yFrom) splitMonths({ from: p.from, to: addDays(yFrom, -1) }, out);
  out.years.push({ from: yFrom, to: yTo });
  if (yTo < p.to) splitMonths({ from: addDays(yTo, 1), to: p.to }, out);
  return out;
}

export type Bucket = 'day' | 'week' | 'month';

/** The start of the bucket holding `d`: the day, the Monday of its ISO week, or the 1st of its month. */
export function bucketStart(d: string, b: Bucket): string {
  if (b === 'day') return d;
  if (b === 'month') return monthStart(d);
  const dow = (new Date(toMs(d)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(d, -dow);
}

/** The Asia/Shanghai civil date of an instant. */
export function shanghaiDate(at: Date): string {
  return fromMs(at.getTime() + 8 * 3_600_000);
}
