import { sql, type ExpressionBuilder } from 'kysely';
import type { Queryable, Trx } from '../../db/database.ts';
import type { CaseRow, CaseUpdate, Database, NewCase } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';
import type { AssignmentSnapshot, CaseSnapshot, CaseState } from '../../domain/lifecycle.ts';
import type { SessionActor } from '../../http/context.ts';
import { parseSearchQuery, planSearch, rankedPage, type SearchWindow } from '../search/search.query.ts';

/**
 * Plain queries over cases, scoped first by the actor's organisation
 * subtree. No rules here: the lifecycle decides, commands call these.
 */

/**
 * Rows of `cases` the actor may see: everything for citywide staff, else the
 * cases with an assignment to the actor's unit or a unit below it, or whose
 * hard-case task force includes such a unit.
 *
 * Kept as two EXISTS on purpose (measured at 1M cases, docs/search.md): the
 * planner runs them per row for a single case and, for a list, as a hash of
 * the subtree's case ids read from `case_assignments (unit_id, case_id)` alone
 * (~10 ms for a county's 82,000 assignments) while walking the cases in list
 * order. An `id IN (… UNION ALL …)` semi-join halves the count but turns the
 * first page into a sort of every visible case (0.5 s).
 */
export function visibleTo(actor: SessionActor) {
  return (eb: ExpressionBuilder<Database, 'cases'>) =>
    actor.citywide
      ? eb.val(true)
      : eb.or([
          eb.exists(
            eb
              .selectFrom('caseAssignments as va')
              .innerJoin('units as vu', 'vu.id', 'va.unitId')
              .whereRef('va.caseId', '=', 'cases.id')
              .where('vu.path', 'like', `${actor.unitPath}%`)
              .select(sql`1`.as('one')),
          ),
          // A unit in a hard case's task force (专班) sees it like an assigned unit.
          eb.exists(
            eb
              .selectFrom('hardCaseUnits as vh')
              .innerJoin('units as vhu', 'vhu.id', 'vh.unitId')
              .whereRef('vh.caseId', '=', 'cases.id')
              .where('vhu.path', 'like', `${actor.unitPath}%`)
              .select(sql`1`.as('one')),
          ),
        ]);
}

/**
 * Locks the case row for this transaction, after the access check.
 * @throws CASE_NOT_FOUND when it does not exist or the actor may not see it (one answer for both).
 */
export async function lockCaseForUpdate(trx: Trx, actor: SessionActor, caseId: number): Promise<CaseRow> {
  const row = await trx
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .where(visibleTo(actor))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new DomainError('CASE_NOT_FOUND');
  return row;
}

/** @throws CASE_NOT_FOUND when absent or not visible to the actor. */
export async function findVisibleCase(db: Queryable, actor: SessionActor, caseId: number): Promise<CaseRow> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).where(visibleTo(actor)).executeTakeFirst();
  if (!row) throw new DomainError('CASE_NOT_FOUND');
  return row;
}

export async function findCaseIdByNumber(db: Queryable, number: string): Promise<number | undefined> {
  const row = await db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirst();
  return row?.id;
}

export async function insertCase(trx: Trx, values: NewCase): Promise<CaseRow> {
  return trx.insertInto('cases').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * Writes a change and bumps the version, only if nobody changed the case
 * since `version` was read.
 * @throws STALE_VERSION when the version moved on.
 */
export async function updateCase(trx: Trx, caseId: number, patch: CaseUpdate, version: number): Promise<CaseRow> {
  const row = await trx
    .updateTable('cases')
    .set({ ...patch, version: version + 1, updatedAt: sql`now()` })
    .where('id', '=', caseId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new DomainError('STALE_VERSION');
  return row;
}

export async function loadAssignments(db: Queryable, caseId: number) {
  return db
    .selectFrom('caseAssignments as a')
    .innerJoin('units as u', 'u.id', 'a.unitId')
    .select([
      'a.id', 'a.unitId', 'a.role', 'a.parentId', 'a.status', 'a.round', 'a.dispatchedAt', 'a.signedAt',
      'a.returnedAt', 'a.returnReason', 'a.inputContent', 'a.inputAt', 'u.name as unitName',
      'a.signDueAt', 'a.replyDueAt', 'a.signPolicy', 'a.replyPolicy', 'a.pausedAt', 'a.extensionCount',
    ])
    .where('a.caseId', '=', caseId)
    .orderBy('a.id')
    .execute();
}
export type AssignmentView = Awaited<ReturnType<typeof loadAssignments>>[number];

/** Whether an extension request waits, and the suspension state: what the time-limit rules need. */
export async function loadClockFlags(db: Queryable, caseId: number): Promise<Pick<CaseSnapshot, 'pendingExtension' | 'suspension'>> {
  const [ext, susp] = await Promise.all([
    db.selectFrom('caseExtensions').select('id').where('caseId', '=', caseId).where('status', '=', 'requested').executeTakeFirst(),
    db.selectFrom('caseSuspensions').select('status').where('caseId', '=', caseId).where('status', 'in', ['requested', 'active']).executeTakeFirst(),
  ]);
  return { pendingExtension: Boolean(ext), suspension: (susp?.status as 'requested' | 'active' | undefined) ?? 'none' };
}

export function toSnapshot(
  row: CaseRow, assignments: readonly AssignmentView[], flags: Pick<CaseSnapshot, 'pendingExtension' | 'suspension'> = {},
): CaseSnapshot {
  return {
    ...flags,
    state: row.state as CaseState,
    callbackAttempts: row.callbackAttempts,
    assignments: assignments.map(
      (a): AssignmentSnapshot => ({
        id: a.id, unitId: a.unitId, role: a.role, parentId: a.parentId, status: a.status as AssignmentSnapshot['status'],
      }),
    ),
  };
}

export interface HistoryEntry {
  caseId: number;
  at: Date;
  actorUserId: number | null;
  actorUnitId: number | null;
  action: string;
  fromState: string | null;
  toState: string;
  note?: string | null;
  data?: Record<string, unknown>;
}

export async function appendHistory(trx: Trx, e: HistoryEntry) {
  await trx
    .insertInto('caseHistory')
    .values({ ...e, note: e.note ?? null, data: JSON.stringify(e.data ?? {}) })
    .execute();
}

export async function loadHistory(db: Queryable, caseId: number) {
  return db
    .selectFrom('caseHistory as h')
    .leftJoin('users as u', 'u.id', 'h.actorUserId')
    .leftJoin('units as n', 'n.id', 'h.actorUnitId')
    .select([
      'h.id', 'h.at', 'h.action', 'h.fromState', 'h.toState', 'h.note', 'h.data',
      'u.displayName as actorName', 'n.name as actorUnitName',
    ])
    .where('h.caseId', '=', caseId)
    .orderBy('h.id')
    .execute();
}

export async function loadReplies(db: Queryable, caseId: number) {
  return db
    .selectFrom('caseReplies as r')
    .innerJoin('units as u', 'u.id', 'r.unitId')
    .select(['r.id', 'r.content', 'r.status', 'r.draftedAt', 'r.signedOffAt', 'r.reviewedAt', 'r.reviewNote', 'u.name as unitName'])
    .where('r.caseId', '=', caseId)
    .orderBy('r.id')
    .execute();
}

export async function latestReply(trx: Trx, caseId: number, status: string) {
  return trx
    .selectFrom('caseReplies')
    .selectAll()
    .where('caseId', '=', caseId)
    .where('status', '=', status)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function loadCallbacks(db: Queryable, caseId: number) {
  return db.selectFrom('caseCallbacks').selectAll().where('caseId', '=', caseId).orderBy('id').execute();
}

export async function loadAttachments(db: Queryable, caseId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'fileName', 'mimeType', 'sizeBytes', 'sha256', 'createdAt'])
    .where('caseId', '=', caseId)
    .orderBy('id')
    .execute();
}

export interface CaseListFilter {
  state?: string[];
  channel?: string;
  type?: string;
  urgency?: string;
  unitId?: number;
  q?: string;
  phone?: string;
  /** Cases with a running unit reply clock past due (`overdue`) or due before `dueSoonBefore` (`due_soon`). */
  dueState?: 'due_soon' | 'overdue';
  /** The instant `now` + the due-soon working hours (the caller computes it from the calendar). */
  dueSoonBefore?: Date;
  now?: Date;
  supervised?: boolean;
  /** Cases where the actor's own unit holds an assignment awaiting its signature (`pending`) or signed and open (`signed`). */
  mine?: 'pending' | 'signed';
  /** A column of `listSorts`, `-` in front for descending; newest first by default. */
  sort?: string;
  limit: number;
  offset: number;
}

/**
 * The running reply clocks that count for the due-soon and overdue queues:
 * pending or signed assignments not paused, the lead's only while the case
 * is with the units; for unit staff only their own subtree's assignments.
 */
function runningClocks(eb: ExpressionBuilder<Database, 'cases'>, actor: SessionActor) {
  let q = eb
    .selectFrom('caseAssignments as da')
    .innerJoin('units as du', 'du.id', 'da.unitId')
    .whereRef('da.caseId', '=', 'cases.id')
    .where('da.status', 'in', ['pending', 'signed'])
    .where('da.pausedAt', 'is', null)
    .where('da.replyDueAt', 'is not', null)
    .where((w) => w.or([w('da.role', '<>', 'lead'), w('cases.state', 'in', ['dispatched', 'handling'])]));
  if (!actor.citywide) q = q.where('du.path', 'like', `${actor.unitPath}%`);
  return q;
}

const sortColumns = {
  receivedAt: sql`cases.received_at`,
  number: sql`cases.number`,
  urgency: sql`array_position(array['normal','urgent','critical']::text[], cases.urgency)`,
  state: sql`cases.state`,
  nextDue: sql`next_due_at`,
} as const;

/** Totals of the case list stop here ("10,000+", `totalCapped`); nobody pages through more, and counting further costs a scan of every visible case. */
export const LIST_COUNT_CAP = 10_000;

/** A page of cases the actor may see (newest first unless sorted), with the total count (capped at LIST_COUNT_CAP). */
export async function listCases(db: Queryable, actor: SessionActor, f: CaseListFilter) {
  if (!f.q || db.isTransaction) return listCasesIn(db, actor, f);
  // A search is a few short queries: one snapshot, and no parallel workers (their start-up costs more than the work).
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
    return listCasesIn(trx, actor, f);
  });
}

async function listCasesIn(db: Queryable, actor: SessionActor, f: CaseListFilter) {
  let query = db.selectFrom('cases').where(visibleTo(actor));
  if (f.state?.length) query = query.where('state', 'in', f.state);
  if (f.channel) query = query.where('channel', '=', f.channel);
  if (f.type) query = query.where('type', '=', f.type);
  if (f.urgency) query = query.where('urgency', '=', f.urgency);
  if (f.phone) query = query.where('citizenPhone', '=', f.phone);
  if (f.supervised !== undefined) query = query.where('supervised', '=', f.supervised);
  if (f.unitId) {
    const unitId = f.unitId;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('caseAssignments as fa').whereRef('fa.caseId', '=', 'cases.id').where('fa.unitId', '=', unitId).select(sql`1`.as('one')),
      ),
    );
  }
  if (f.mine) {
    const statuses = f.mine === 'pending' ? ['pending'] : ['signed'];
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('caseAssignments as ma').whereRef('ma.caseId', '=', 'cases.id')
          .where('ma.unitId', '=', actor.unitId).where('ma.status', 'in', statuses).select(sql`1`.as('one')),
      ),
    );
    if (f.mine === 'signed') query = query.where('state', 'in', ['dispatched', 'handling', 'signoff']);
  }
  if (f.dueState) {
    const now = f.now ?? new Date();
    const soon = f.dueSoonBefore ?? now;
    query = query.where((eb) =>
      eb.exists(
        runningClocks(eb, actor)
          .where((w) => (f.dueState === 'overdue' ? w('da.replyDueAt', '<', now) : w.and([w('da.replyDueAt', '>=', now), w('da.replyDueAt', '<', soon)])))
          .select(sql`1`.as('one')),
      ),
    );
  }
  // Full-text search (docs/search.md): the matches ranked, best first unless another order is asked for.
  const search = f.q ? parseSearchQuery(f.q) : undefined;
  const plan = search ? await planSearch(db, query, search) : undefined;
  // Without a search, count at most LIST_COUNT_CAP + 1 rows: an exact total of a million visible cases costs a scan of them all.
  const listed = plan ? null : Number((await db.selectFrom(query.select('cases.id').limit(LIST_COUNT_CAP + 1).as('c'))
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const counted = plan ? plan.total : Math.min(listed!, LIST_COUNT_CAP);
  const desc = f.sort?.startsWith('-') ?? true;
  const column = sortColumns[(f.sort?.replace(/^-/, '') ?? 'receivedAt') as keyof typeof sortColumns] ?? sortColumns.receivedAt;
  const paged = Boolean(search && !f.sort);
  const page = (window: SearchWindow) => {
    // Ranked: one page of the best matches (or, sorted otherwise, the whole window), joined to the columns shown.
    const hits = plan ? rankedPage(db, query, plan.search, window, paged ? { limit: f.limit, offset: f.offset } : null) : undefined;
    const ranked = hits ? db.selectFrom('cases').innerJoin(hits.as('hit'), 'hit.id', 'cases.id') : query;
    return ranked
      .leftJoin('units as lu', 'lu.id', 'cases.leadUnitId')
      .select((eb) => [
        'cases.id', 'cases.number', 'cases.title', 'cases.state', 'cases.channel', 'cases.type', 'cases.urgency',
        'cases.receivedAt', 'cases.supervised', 'cases.urgeCount', 'cases.version', 'lu.name as leadUnitName',
        runningClocks(eb, actor).select((s) => s.fn.min('da.replyDueAt').as('d')).as('nextDueAt'),
      ])
      .$if(Boolean(hits), (q) => q.select(sql<number>`hit.matches`.as('matches')))
      .$if(paged, (q) => q.orderBy(sql`hit.rank desc`))
      .orderBy(sql`${column} ${sql.raw(desc ? 'desc nulls last' : 'asc nulls last')}`)
      .orderBy('cases.id', desc ? 'desc' : 'asc')
      .limit(f.limit)
      .offset(paged ? 0 : f.offset)
      .execute();
  };
  const windows = plan?.windows ?? [{ size: null, minId: null }];
  let found = await page(windows[0]);
  let used = windows[0];
  // Too few matches among the recent cases for this page: look among all.
  for (let i = 1; i < windows.length && found.length < f.limit; i++) found = await page((used = windows[i]));
  const rows = found.map(({ matches, ...row }) => row);
  // Many matches: the total is what the window holds, "at least" when the window was full or bounded.
  const total = counted ?? found[0]?.matches ?? 0;
  const totalCapped = counted === null ? total >= (used.size ?? Infinity) || used.minId !== null : listed !== null && listed > LIST_COUNT_CAP;
  return { total, totalCapped, rows };
}
