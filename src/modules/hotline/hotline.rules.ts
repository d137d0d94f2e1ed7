import { requireIsoDate } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import { callRates, type CallCounts } from '../../domain/kpi.ts';
import type { CallOutcome } from './hotline.table.ts';

/**
 * The hotline's rules and KPI definitions, no I/O (docs/hotline.md explains
 * them to supervisors). A call belongs to the period in which it was
 * offered (offeredAt, Asia/Shanghai civil dates).
 */

export const outcomeLabels: Record<CallOutcome, { zh: string; en: string }> = {
  answered: { zh: '已接听', en: 'Answered' },
  abandoned: { zh: '未接通（呼损）', en: 'Missed (abandoned)' },
  called_back: { zh: '未接通，已回拨', en: 'Missed, called back' },
};

/** GB/T 33358-2016: a call counts as answered promptly when an agent picks it up within 15 s of it being offered. */
export const ANSWER_WITHIN_SECONDS = 15;

/** A missed call is to be called back within this many clock hours of its end (the centre works 7x24). */
export const CALLBACK_DUE_HOURS = 2;

/**
 * The call counts and the answer rates (接通率, 15秒接通率) are KPIs like the
 * others: defined once in src/domain/kpi.ts, used by the desk's report and
 * by the statistics.
 */
export type { CallCounts } from '../../domain/kpi.ts';

/** The two rates as plain numbers (null when no call was offered), for the desk's report. */
export function answerRates(c: CallCounts) {
  const rates = callRates(c);
  return { connectionRate: rates.connectionRate.value, answeredWithin15sRate: rates.answeredWithin15sRate.value };
}

/** Seconds the caller waited before an agent answered, or null. */
export function waitSeconds(call: { offeredAt: Date; answeredAt: Date | null }): number | null {
  return call.answeredAt ? (call.answeredAt.getTime() - call.offeredAt.getTime()) / 1000 : null;
}

export interface CallTimes {
  outcome: CallOutcome;
  offeredAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
}

/**
 * A call record must tell a consistent story: answered calls have an
 * answer time and others none; nothing happens before the call is offered
 * or after it ends; nothing is in the future.
 * @throws INVALID_INPUT with what is wrong.
 */
export function checkCallTimes(c: CallTimes, now: Date): void {
  if (c.outcome === 'answered' && !c.answeredAt) throw invalidInput('已接听的来电须有接听时间 answeredAt', 'an answered call needs answeredAt');
  if (c.outcome !== 'answered' && c.answeredAt) throw invalidInput('未接听的来电不能有接听时间', `a call with outcome ${c.outcome} cannot have answeredAt`);
  if (c.answeredAt && c.answeredAt < c.offeredAt) throw invalidInput('接听时间早于来电时间', 'answeredAt is before offeredAt');
  if (c.endedAt && c.endedAt < (c.answeredAt ?? c.offeredAt)) throw invalidInput('结束时间早于来电或接听时间', 'endedAt is before offeredAt or answeredAt');
  const latest = c.endedAt ?? c.answeredAt ?? c.offeredAt;
  if (latest.getTime() > now.getTime() + 5 * 60_000) throw invalidInput('通话时间不能晚于现在', 'call times cannot be in the future');
}

/** When the call-back of a missed call is due: CALLBACK_DUE_HOURS after the call ended (or was offered). */
export function callbackDueAt(c: Pick<CallTimes, 'offeredAt' | 'endedAt'>): Date {
  return new Date((c.endedAt ?? c.offeredAt).getTime() + CALLBACK_DUE_HOURS * 3_600_000);
}

/**
 * The instants of a period of Shanghai civil dates, both inclusive:
 * [from 00:00+08:00, the day after `to` 00:00+08:00). China keeps no summer time.
 * @throws INVALID_INPUT for a malformed date or `to` before `from`.
 */
export function shanghaiPeriod(from: string, to: string): { start: Date; end: Date } {
  requireIsoDate(from);
  requireIsoDate(to);
  if (to < from) throw invalidInput(`结束日期 ${to} 早于开始日期 ${from}`, `to ${to} is before from ${from}`);
  return { start: new Date(`${from}T00:00:00+08:00`), end: new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000) };
}
