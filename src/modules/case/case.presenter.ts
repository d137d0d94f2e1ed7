import type { CaseRow } from '../../db/schema.ts';
import { allowedActions, stateLabels, type CaseState } from '../../domain/lifecycle.ts';
import type { SessionActor } from '../../http/context.ts';
import type { Queryable } from '../../db/database.ts';
import * as cases from './case.repository.ts';
import { loadDeadlineRules, presentDeadline } from '../deadline/deadline.service.ts';

/**
 * What leaves the server about a case, for staff. A confidential case (保密)
 * hides who complained from the handling units: only citywide staff (the
 * centre, supervisors, leaders) see the citizen's name and phone.
 */
export async function presentCaseForStaff(db: Queryable, row: CaseRow, actor: SessionActor) {
  const [assignments, history, replies, callbacks, attachments, category, region, flags, rules, extensions, suspensions] = await Promise.all([
    cases.loadAssignments(db, row.id),
    cases.loadHistory(db, row.id),
    cases.loadReplies(db, row.id),
    cases.loadCallbacks(db, row.id),
    cases.loadAttachments(db, row.id),
    row.categoryId ? db.selectFrom('categories').select(['id', 'fullName']).where('id', '=', row.categoryId).executeTakeFirst() : undefined,
    row.regionUnitId ? db.selectFrom('units').select(['id', 'name']).where('id', '=', row.regionUnitId).executeTakeFirst() : undefined,
    cases.loadClockFlags(db, row.id),
    loadDeadlineRules(db),
    db.selectFrom('caseExtensions').select(['id', 'assignmentId', 'days', 'reason', 'status', 'requestedAt', 'decidedAt', 'decisionNote', 'oldDueAt', 'newDueAt'])
      .where('caseId', '=', row.id).orderBy('id').execute(),
    db.selectFrom('caseSuspensions').select(['id', 'reason', 'status', 'requestedAt', 'startedAt', 'endedAt'])
      .where('caseId', '=', row.id).orderBy('id').execute(),
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
    rejectReasonCode: row.rejectReasonCode,
    directAnswer: row.directAnswer,
    flags: {
      supervised: row.supervised, listed: row.listed, instructed: row.instructed, urgeCount: row.urgeCount,
      returnCount: row.returnCount, rehandleCount: row.rehandleCount, extensionCount: row.extensionCount,
      suspended: row.suspended,
    },
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
