import { createHash, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import type { CaseState } from '../../domain/lifecycle.ts';
import { followMerges } from '../duplicate/duplicate.repository.ts';
import { BoardRefused, refuse } from './board.rules.ts';
import { publicStateOf, type Milestone } from './board.vocabulary.ts';

/**
 * A citizen follows a case from any channel by number and query code. What
 * they see: title, type, channel, a state label, the public milestones
 * (received, dispatched, replied, closed — from the history's actions and
 * times only: no staff names, no notes), the approved reply with the
 * replying unit, and their own marks. A wrong code reads exactly like an
 * unknown number.
 */

const digest = (s: string) => createHash('sha256').update(s).digest();
const sameCode = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/**
 * The case a citizen follows, by number and query code. A merged appeal (并单)
 * leads to the case it joined (the end of its merge chain, `followMerges`):
 * its citizen follows that case now and sees — and rates — its progress;
 * `followedFrom` keeps the number they looked up. The code checked is always
 * the one of the number given.
 */
export async function findCaseForCitizen(db: Queryable, number: string, code: string) {
  const row = await publicCaseRow(db).where('c.number', '=', number.trim().toUpperCase()).executeTakeFirst();
  // Compare the code in constant time even for an unknown number, so timing tells nothing either.
  const ok = sameCode(row?.queryCode ?? '\0\0\0\0\0\0', code.trim());
  if (!row || !ok) return undefined;
  const { queryCode: _omit, ...rest } = row;
  if (rest.state !== 'merged') return { ...rest, followedFrom: null as string | null };
  const end = await followMerges(db, rest.id);
  const target = end && end.id !== rest.id ? await publicCaseRow(db).where('c.id', '=', end.id).executeTakeFirst() : undefined;
  if (!target) return { ...rest, followedFrom: null as string | null };
  const { queryCode: _code, ...shown } = target;
  return { ...shown, followedFrom: rest.number as string | null };
}

function publicCaseRow(db: Queryable) {
  return db.selectFrom('cases as c')
    .leftJoin('units as rep', 'rep.id', 'c.replyUnitId')
    .leftJoin('rejectReasons as rr', 'rr.code', 'c.rejectReasonCode')
    .select([
      'c.id', 'c.number', 'c.queryCode', 'c.title', 'c.type', 'c.channel', 'c.state', 'c.replyContent', 'c.repliedAt',
      'rep.name as replyUnitName', 'rr.labelZh as rejectReasonZh', 'rr.labelEn as rejectReasonEn',
    ]);
}
export type CitizenCase = NonNullable<Awaited<ReturnType<typeof findCaseForCitizen>>>;

export interface HistoryStep {
  action: string;
  /** Entries that leave the state as it was (e.g. an assessment appeal on a closed case) are not milestones. */
  fromState?: string | null;
  toState: string;
  at: Date;
}

/** The public milestones of a history, in time order (pure). */
export function milestonesOf(history: readonly HistoryStep[]): Array<{ milestone: Milestone; at: Date }> {
  const first = (pred: (h: HistoryStep) => boolean) => history.find(pred);
  const last = (pred: (h: HistoryStep) => boolean) => [...history].reverse().find(pred);
  const found: Array<[Milestone, HistoryStep | undefined]> = [
    ['received', first((h) => h.action === 'create')],
    ['dispatched', first((h) => h.action === 'dispatch' || h.action === 'redispatch')],
    ['replied', last((h) => h.action === 'approve')],
    ['rejected', last((h) => h.action === 'reject')],
    ['merged', last((h) => h.action === 'merge')],
    ['closed', last((h) => h.toState === 'closed' && h.fromState !== 'closed' && h.action !== 'reject' && h.action !== 'merge')],
  ];
  return found.filter((f): f is [Milestone, HistoryStep] => Boolean(f[1]))
    .map(([milestone, h]) => ({ milestone, at: h.at }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

export async function loadMilestones(db: Queryable, caseId: number) {
  const history = await db.selectFrom('caseHistory').select(['action', 'fromState', 'toState', 'at'])
    .where('caseId', '=', caseId).orderBy('id').execute();
  return milestonesOf(history);
}

export async function findRating(db: Queryable, caseId: number) {
  return db.selectFrom('boardRatings').select(['resolution', 'attitude', 'speed', 'ratedAt']).where('caseId', '=', caseId).executeTakeFirst();
}

/** Everything the citizen's progress page and its JSON show. */
export async function presentCitizenCase(db: Queryable, c: CitizenCase) {
  const [milestones, rating] = await Promise.all([loadMilestones(db, c.id), findRating(db, c.id)]);
  return {
    number: c.number,
    /** The merged appeal's number when the lookup led here from it (null otherwise). */
    followedFrom: c.followedFrom,
    title: c.title,
    type: c.type,
    channel: c.channel,
    state: c.state as CaseState,
    publicState: publicStateOf[c.state as CaseState],
    rejectReason: c.rejectReasonZh ? { zh: c.rejectReasonZh, en: c.rejectReasonEn ?? c.rejectReasonZh } : null,
    milestones,
    reply: c.replyContent ? { content: c.replyContent, unit: c.replyUnitName, at: c.repliedAt } : null,
    rating: rating ? { resolution: rating.resolution, attitude: rating.attitude, speed: rating.speed } : null,
    canRate: Boolean(c.replyContent) && !rating,
  };
}
export type CitizenCaseView = Awaited<ReturnType<typeof presentCitizenCase>>;

export interface Marks {
  resolution: number;
  attitude: number;
  speed: number;
}

/**
 * The citizen rates the handling once the reply is out: 1–5 for resolution,
 * attitude and speed, and an optional comment (kept for staff, not published).
 * @throws BoardRefused notReplied, alreadyRated, badMarks.
 */
export async function rateCase(db: Queryable, c: CitizenCase, p: { marks: Marks; comment: string | null; now: Date }) {
  if (!c.replyContent) throw refuse('notReplied');
  const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= 5;
  if (!valid(p.marks.resolution) || !valid(p.marks.attitude) || !valid(p.marks.speed)) throw refuse('badMarks');
  const inserted = await db.insertInto('boardRatings')
    .values({ caseId: c.id, ...p.marks, comment: p.comment?.trim().slice(0, 500) || null, ratedAt: p.now })
    .onConflict((oc) => oc.column('caseId').doNothing())
    .returning('caseId').executeTakeFirst();
  if (!inserted) throw new BoardRefused([{ code: 'alreadyRated' }], 409);
}
