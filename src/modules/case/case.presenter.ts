import type { Selectable } from 'kysely';
import type { CaseExtensionTable, CaseRow, CaseSuspensionTable } from '../../db/schema.ts';
import { allowedActions, stateLabels, type CaseState } from '../../domain/lifecycle.ts';
import type { SessionActor } from '../../http/context.ts';
import type { Queryable } from '../../db/database.ts';
import * as cases from './case.repository.ts';
import { loadDeadlineRules, presentDeadline } from '../deadline/deadline.service.ts';
import { loadContacts, mergedIntoNumber, type ContactRow } from '../duplicate/duplicate.repository.ts';
import type { KnownAtIntake } from './case.create.ts';

type CaseExtensionView = Pick<Selectable<CaseExtensionTable>, 'id' | 'assignmentId' | 'days' | 'reason' | 'status' | 'requestedAt' | 'decidedAt' | 'decisionNote' | 'oldDueAt' | 'newDueAt'>;
type CaseSuspensionView = Pick<Selectable<CaseSuspensionTable>, 'id' | 'reason' | 'status' | 'requestedAt' | 'startedAt' | 'endedAt'>;

/**
 * What leaves the server about a case, for staff. A confidential case (保密)
 * hides who complained from the handling units: only citywide staff (the
 * centre, supervisors, leaders) see the citizen's name and phone.
 */
export async function presentCaseForStaff(db: Queryable, row: CaseRow, actor: SessionActor, known?: KnownAtIntake) {
  // A case just taken in (case.create.ts) has nothing yet but what intake wrote: no reads needed.
  const none = <T>(): Promise<T[]> => Promise.resolve([]);
  const [assignments, history, replies, callbacks, attachments, category, region, flags, rules, extensions, suspensions, contacts, mergedInto] = await Promise.all([
    known ? none<cases.AssignmentView>() : cases.loadAssignments(db, row.id),
    known ? known.history : cases.loadHistory(db, row.id),
    known ? none<Awaited<ReturnType<typeof cases.loadReplies>>[number]>() : cases.loadReplies(db, row.id),
    known ? none<Awaited<ReturnType<typeof cases.loadCallbacks>>[number]>() : cases.loadCallbacks(db, row.id),
    known ? known.attachments : cases.loadAttachments(db, row.id),
    known ? known.category ?? undefined
      : row.categoryId ? db.selectFrom('categories').select(['id', 'fullName']).where('id', '=', row.categoryId).executeTakeFirst() : undefined,
    known ? known.region ?? undefined
      : row.regionUnitId ? db.selectFrom('units').select(['id', 'name']).where('id', '=', row.regionUnitId).executeTakeFirst() : undefined,
    known ? { pendingExtension: false, suspension: 'none' as const } : cases.loadClockFlags(db, row.id),
    known ? known.rules : loadDeadlineRules(db),
    known ? none<CaseExtensionView>() : db.selectFrom('caseExtensions').select(['id', 'assignmentId', 'days', 'reason', 'status', 'requestedAt', 'decidedAt', 'decisionNote', 'oldDueAt', 'newDueAt'])
      .where('caseId', '=', row.id).orderBy('id').execute(),
    known ? none<CaseSuspensionView>() : db.selectFrom('caseSuspensions').select(['id', 'reason', 'status', 'requestedAt', 'startedAt', 'endedAt'])
      .where('caseId', '=', row.id).orderBy('id').execute(),
    known ? none<ContactRow>() : loadContacts(db, row.id),
    mergedIntoNumber(db, row),
  ]);
  const now = new Date();
  const live = (status: string) => status === 'pending' || status === 'signed';
  const hideCitizen = row.confidential && !actor.citywide;
  return {
    id: row.id,
    number: row.number,
    state: row.state,
    stateLabel: stateLabels[row.state as CaseState],
    version: row.version,
    channel: row.channel,
    type: row.type,
    urgency: row.urgency,
    confidential: row.confidential,
    citizen: hideCitizen
      ? null
      : { name: row.citizenName, phone: row.citizenPhone, sex: row.citizenSex, organisation: row.citizenOrg },
    queryCode: actor.citywide ? row.queryCode : undefined,
    category: category ? { id: category.id, name: category.fullName } : null,
    region: region ?? null,
    address: row.address,
    location: row.lat != null && row.lng != null ? { lat: row.lat, lng: row.lng } : null,
    subject: row.subject,
    title: row.title,
    content: row.content,
    leaderKey: row.leaderKey,
    leadUnitId: row.leadUnitId,
    mergedIntoId: row.mergedIntoId,
    /** Where the citizen of a merged appeal now follows the problem (并单). */
    mergedIntoNumber: mergedInto,
    /** Appeals merged into this case (并单): every citizen who raised it. */
    contacts: contacts.map((c) => ({
      mergedCaseId: c.mergedCaseId, mergedCaseNumber: c.mergedCaseNumber, channel: c.channel, receivedAt: c.receivedAt,
      citizen: (c.confidential || row.confidential) && !actor.citywide ? null : { name: c.citizenName, phone: c.citizenPhone },
    })),
    rejectReasonCode: row.rejectReasonCode,
    directAnswer: row.directAnswer,
    flags: {
      supervised: row.supervised, listed: row.listed, instructed: row.instructed, urgeCount: row.urgeCount,
      returnCount: row.returnCount, rehandleCount: row.rehandleCount, extensionCount: row.extensionCount,
      suspended: row.suspended,
    },
    /** What the intake word lists found (docs/routing.md): flagged for review by a sensitive word, urgency raised by an urgent one. */
    wordCheck: { reviewFlagged: row.reviewFlagged, hits: row.wordHits ?? null },
    deadlines: {
      register: presentDeadline(rules, row.registerDueAt, row.state !== 'received', now, false),
      review: presentDeadline(rules, row.reviewDueAt, row.state !== 'reviewing', now, false),
      callback: presentDeadline(rules, row.callbackDueAt, row.state !== 'callback', now, false),
    },
    extensions,
    suspensions,
    reply: row.replyContent ? { content: row.replyContent, unitId: row.replyUnitId, at: row.repliedAt } : null,
    callback: { attempts: row.callbackAttempts, resolution: row.resolution, satisfaction: row.satisfaction },
    times: {
      receivedAt: row.receivedAt, registeredAt: row.registeredAt, dispatchedAt: row.dispatchedAt,
      closedAt: row.closedAt, archivedAt: row.archivedAt,
    },
    assignments: assignments.map((a) => ({
      ...a,
      signDeadline: presentDeadline(rules, a.signDueAt, a.status !== 'pending', now, a.pausedAt !== null, a.signPolicy),
      // The lead's reply clock stops when it drafts the reply; it runs again if the draft comes back.
      replyDeadline: presentDeadline(rules, a.replyDueAt, !live(a.status) || (a.role === 'lead' && !['dispatched', 'handling'].includes(row.state)), now, a.pausedAt !== null, a.replyPolicy),
    })),
    replies,
    callbacks: callbacks.map((c) => ({ at: c.at, reached: c.reached, resolution: c.resolution, satisfaction: c.satisfaction, note: c.note })),
    attachments,
    history: history.map((h) => ({ ...h, data: h.data as Record<string, unknown> })),
    allowedActions: allowedActions(cases.toSnapshot(row, assignments, flags), actor),
  };
}
export type StaffCaseView = Awaited<ReturnType<typeof presentCaseForStaff>>;
