/**
 * The annual assessment (年度考核) of units, as configuration: a scheme of
 * weighted KPI indicators with targets and deduction rules, fixed deductions
 * per counted case (超期, 督办, 退单 …), optional bonuses, exclusions, and the
 * effect of accepted assessment appeals (考核申诉) on how a case counts.
 * Pure: the figures come from the statistics (src/domain/kpi.ts counters,
 * summed per unit by src/modules/assessment), the rules are here.
 */
import { computeKpis, evalExpr, figureExpr, kpis, zeroCounts, type Counts, type Figure, type KpiKey, type Rate } from './kpi.ts';

// ---- the scheme ----

/**
 * How an indicator loses points when its rate misses the target:
 * - `perPoint`: `points` per percentage point short of the target (below it
 *   for "higher is better" rates, above it for "lower is better" ones),
 *   capped at the indicator's weight;
 * - `allOrNothing`: the whole weight when the target is missed, else nothing.
 */
export interface DeductionRule {
  kind: 'perPoint' | 'allOrNothing';
  /** Points per percentage point (`perPoint` only). */
  points?: number;
}

export interface Indicator {
  kpi: KpiKey;
  /** Points the indicator is worth (满分). */
  weight: number;
  /** Target rate, 0–1: a minimum for "higher is better" rates, a maximum for the others. */
  target: number;
  rule: DeductionRule;
}

/** N points per counted case (or assignment) of a figure, optionally capped. */
export interface FixedRule {
  figure: Figure;
  points: number;
  /** The most points this rule may take (or give); none = no cap. */
  cap?: number;
}

/** Cases, channels and types the scheme leaves out of every figure. */
export interface Exclusions {
  /** Category ids; a category excludes every category below it. */
  categoryIds: number[];
  channels: string[];
  types: string[];
}

export interface Scheme {
  name: string;
  indicators: Indicator[];
  /** Fixed deductions (扣分项). */
  deductions: FixedRule[];
  /** Bonuses (加分项), optional. */
  bonuses: FixedRule[];
  exclusions: Exclusions;
}

/**
 * The built-in scheme (used for any year without a stored one): 100 points
 * over seven indicators, one point per percentage point short of target; 0.5
 * point per case that went overdue and per supervised case, 0.2 point per
 * return (退单), each capped at 10 points.
 */
export const defaultScheme: Scheme = {
  name: '默认考核方案 Default scheme',
  indicators: [
    { kpi: 'signOnTimeRate', weight: 10, target: 0.98, rule: { kind: 'perPoint', points: 1 } },
    { kpi: 'closureRate', weight: 15, target: 0.95, rule: { kind: 'perPoint', points: 1 } },
    { kpi: 'closedOnTimeRate', weight: 20, target: 0.95, rule: { kind: 'perPoint', points: 1 } },
    { kpi: 'callbackRate', weight: 5, target: 0.9, rule: { kind: 'allOrNothing' } },
    { kpi: 'resolutionRate', weight: 20, target: 0.85, rule: { kind: 'perPoint', points: 1 } },
    { kpi: 'satisfactionRate', weight: 25, target: 0.9, rule: { kind: 'perPoint', points: 1 } },
    { kpi: 'returnRate', weight: 5, target: 0.05, rule: { kind: 'perPoint', points: 1 } },
  ],
  deductions: [
    { figure: 'overdue', points: 0.5, cap: 10 },
    { figure: 'supervised', points: 0.5, cap: 10 },
    { figure: 'returned', points: 0.2, cap: 10 },
  ],
  bonuses: [],
  exclusions: { categoryIds: [], channels: [], types: [] },
};

export interface SchemeProblem {
  path: string;
  zh: string;
  en: string;
}

/**
 * What the JSON schema cannot say: each KPI at most once, some points to
 * score, a deduction rate that can take something. Returns every problem
 * (empty = valid).
 */
export function schemeProblems(s: Scheme): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  const seen = new Set<string>();
  s.indicators.forEach((ind, i) => {
    if (seen.has(ind.kpi)) out.push({ path: `/indicators/${i}/kpi`, zh: `指标 ${ind.kpi} 重复`, en: `indicator ${ind.kpi} appears twice` });
    seen.add(ind.kpi);
    if (ind.rule.kind === 'perPoint' && !((ind.rule.points ?? 0) > 0)) {
      out.push({ path: `/indicators/${i}/rule/points`, zh: '每个百分点扣分必须大于 0', en: 'points per percentage point must be above 0' });
    }
  });
  if (s.indicators.reduce((t, i) => t + i.weight, 0) <= 0) out.push({ path: '/indicators', zh: '指标总分必须大于 0', en: 'the indicators must be worth more than 0 points' });
  for (const [list, name] of [[s.deductions, 'deductions'], [s.bonuses, 'bonuses']] as const) {
    const figures = new Set<string>();
    list.forEach((d, i) => {
      if (figures.has(d.figure)) out.push({ path: `/${name}/${i}/figure`, zh: `${d.figure} 重复`, en: `${d.figure} appears twice` });
      figures.add(d.figure);
    });
  }
  return out;
}

// ---- appeals (考核申诉) ----

/**
 * What a unit may appeal about one case, and what an accepted appeal does to
 * that case's figures for the unit (and the units above it):
 * - `unreasonable` (不合理诉求): the case leaves 解决率 and 满意率 (it is no
 *   longer rated), as for appeals marked unreasonable after review;
 * - `notResponsible` (非本单位职责): the case leaves every figure of the unit;
 * - `forceMajeure` (不可抗力致超期): the delay is forgiven — not overdue,
 *   signed and closed on time.
 */
export const appealKinds = ['unreasonable', 'notResponsible', 'forceMajeure'] as const;
export type AppealKind = (typeof appealKinds)[number];

export const appealKindLabels: Record<AppealKind, { zh: string; en: string }> = {
  unreasonable: { zh: '不合理诉求，不计满意率和解决率', en: 'Unreasonable appeal: not rated' },
  notResponsible: { zh: '非本单位职责，不计入考核', en: 'Not our responsibility: excluded' },
  forceMajeure: { zh: '不可抗力致超期，不计超期', en: 'Delay by force majeure: not late' },
};

/** One case's figures for one unit after an accepted appeal of `kind`. */
export function adjustForAppeal(kind: AppealKind, c: Counts): Counts {
  switch (kind) {
    case 'notResponsible':
      return zeroCounts();
    case 'unreasonable':
      return { ...c, rated: 0, resolved: 0, partlyResolved: 0, satVery: 0, satOk: 0, satBasic: 0, satNo: 0, satVeryNo: 0, unreasonable: c.accepted };
    case 'forceMajeure':
      return { ...c, overdue: 0, closedOnTime: c.handledClosed, signedOnTime: c.assignments };
  }
}

/** A case's stored figures for a unit, and the kinds of the appeals accepted on it. */
export interface AppealedFact {
  counts: Counts;
  kinds: readonly AppealKind[];
}

/** `base` with each appealed case's figures replaced by their adjusted form (kinds applied in turn). */
export function applyAppeals(base: Counts, facts: readonly AppealedFact[]): Counts {
  const out = { ...base };
  for (const f of facts) {
    const adjusted = f.kinds.reduce((c, k) => adjustForAppeal(k, c), f.counts);
    for (const key of Object.keys(out) as Array<keyof Counts>) out[key] += adjusted[key] - f.counts[key];
  }
  return out;
}

// ---- scoring ----

export type ReasonCode = 'met' | 'short' | 'missed' | 'noData' | 'count';

export interface Reason {
  code: ReasonCode;
  zh: string;
  en: string;
}

export interface IndicatorScore extends Rate {
  kpi: KpiKey;
  zh: string;
  en: string;
  weight: number;
  target: number;
  higherIsBetter: boolean;
  points: number;
  deduction: number;
  reason: Reason;
  /** The figure whose cases caused the deduction (for drill-down), or null when nothing was deducted. */
  figure: Figure | null;
}

export interface FixedScore {
  figure: Figure;
  count: number;
  pointsEach: number;
  points: number;
  reason: Reason;
}

export interface UnitScore {
  unitId: number;
  /** False when the unit had no case and no assignment in the period: no score, no rank (not 100). */
  rated: boolean;
  total: number | null;
  /** Competition ranking among rated units (1, 2, 2, 4); null when not rated. */
  rank: number | null;
  maxPoints: number;
  indicators: IndicatorScore[];
  deductions: FixedScore[];
  bonuses: FixedScore[];
}

/** Points to two decimals (no 4.999999 from floating point). */
export const roundPoints = (x: number) => Math.round(x * 100 + Number.EPSILON * 100) / 100;
const pct = (x: number) => `${roundPoints(x * 100)}%`;

/** The figure behind a missed rate: the failures (denominator − numerator) or, for "lower is better", the numerator. */
function failureFigure(kpi: KpiKey): Figure {
  const def = kpis.find((k) => k.key === kpi)!;
  if (!def.higherIsBetter) return def.numerator;
  const map: Partial<Record<KpiKey, Figure>> = {
    closedOnTimeRate: 'closedLate', signOnTimeRate: 'notSignedOnTime', callbackRate: 'notCalledBack',
    resolutionRate: 'unresolved', satisfactionRate: 'dissatisfied', closureRate: 'open',
  };
  return map[kpi] ?? def.denominator;
}

export function scoreIndicator(ind: Indicator, rate: Rate): IndicatorScore {
  const def = kpis.find((k) => k.key === ind.kpi)!;
  const base = { ...rate, kpi: ind.kpi, zh: def.zh, en: def.en, weight: ind.weight, target: ind.target, higherIsBetter: def.higherIsBetter };
  if (rate.value === null) {
    return { ...base, points: ind.weight, deduction: 0, figure: null, reason: { code: 'noData', zh: '无数据，不扣分', en: 'no figures: nothing deducted' } };
  }
  // Percentage points on the wrong side of the target, from the exact fraction.
  const gap = def.higherIsBetter ? ind.target - rate.value : rate.value - ind.target;
  const gapPoints = roundPoints(gap * 100);
  if (gapPoints <= 0) {
    return { ...base, points: ind.weight, deduction: 0, figure: null, reason: { code: 'met', zh: `${pct(rate.value)} 达到目标 ${pct(ind.target)}`, en: `${pct(rate.value)} meets the target ${pct(ind.target)}` } };
  }
  const side = def.higherIsBetter ? { zh: '低于', en: 'below' } : { zh: '高于', en: 'above' };
  let deduction: number;
  let reason: Reason;
  if (ind.rule.kind === 'allOrNothing') {
    deduction = ind.weight;
    reason = { code: 'missed', zh: `${pct(rate.value)} 未达目标 ${pct(ind.target)}，全扣`, en: `${pct(rate.value)} misses the target ${pct(ind.target)}: all points lost` };
  } else {
    const each = ind.rule.points ?? 0;
    deduction = Math.min(ind.weight, roundPoints(gap * 100 * each));
    reason = {
      code: 'short',
      zh: `${pct(rate.value)} ${side.zh}目标 ${pct(ind.target)} ${gapPoints} 个百分点，每个百分点扣 ${each} 分${deduction === ind.weight ? '（扣完为止）' : ''}`,
      en: `${pct(rate.value)} is ${gapPoints} percentage points ${side.en} the target ${pct(ind.target)}, ${each} per point${deduction === ind.weight ? ' (capped at the weight)' : ''}`,
    };
  }
  return { ...base, points: roundPoints(ind.weight - deduction), deduction, figure: failureFigure(ind.kpi), reason };
}

export function scoreFixed(rule: FixedRule, counts: Counts, sign: 'deduct' | 'add'): FixedScore {
  const count = evalExpr(figureExpr(rule.figure), counts);
  const raw = roundPoints(count * rule.points);
  const points = rule.cap === undefined ? raw : Math.min(rule.cap, raw);
  const capped = points < raw;
  const verb = sign === 'deduct' ? { zh: '扣', en: 'deducted' } : { zh: '加', en: 'added' };
  return {
    figure: rule.figure, count, pointsEach: rule.points, points,
    reason: {
      code: 'count',
      zh: `${count} × ${rule.points} 分${capped ? `，最多${verb.zh} ${rule.cap} 分` : ''}`,
      en: `${count} × ${rule.points} points ${verb.en}${capped ? `, at most ${rule.cap}` : ''}`,
    },
  };
}

/** Whether a unit had anything to be assessed on: a case it led or an assignment it received. */
export function isRated(c: Counts): boolean {
  return c.accepted > 0 || c.assignments > 0;
}

/**
 * One unit's score: the indicators' points, minus fixed deductions, plus
 * bonuses; never below 0. A unit with nothing to assess is not rated.
 */
export function scoreUnit(scheme: Scheme, unitId: number, counts: Counts): UnitScore {
  const maxPoints = roundPoints(scheme.indicators.reduce((t, i) => t + i.weight, 0));
  const rates = computeKpis(counts);
  const indicators = scheme.indicators.map((ind) => scoreIndicator(ind, rates[ind.kpi]));
  const deductions = scheme.deductions.map((d) => scoreFixed(d, counts, 'deduct'));
  const bonuses = scheme.bonuses.map((b) => scoreFixed(b, counts, 'add'));
  const rated = isRated(counts);
  const sum = indicators.reduce((t, i) => t + i.points, 0) - deductions.reduce((t, d) => t + d.points, 0) + bonuses.reduce((t, b) => t + b.points, 0);
  return { unitId, rated, total: rated ? Math.max(0, roundPoints(sum)) : null, rank: null, maxPoints, indicators, deductions, bonuses };
}

/**
 * Scores and ranks units: best total first; equal totals share a rank and
 * the next rank skips (1, 2, 2, 4); units not rated come last, unranked.
 */
export function scoreUnits(scheme: Scheme, units: ReadonlyArray<{ unitId: number; counts: Counts }>): UnitScore[] {
  const scored = units.map((u) => scoreUnit(scheme, u.unitId, u.counts));
  scored.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.unitId - b.unitId);
  let previous: number | null = null;
  let rank = 0;
  scored.forEach((s, i) => {
    if (s.total === null) return;
    if (s.total !== previous) rank = i + 1;
    s.rank = rank;
    previous = s.total;
  });
  return scored;
}
