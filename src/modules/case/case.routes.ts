import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import type { CaseAction } from '../../domain/lifecycle.ts';
import { runCommand, requireActor } from '../../http/auth.ts';
import type { AppDeps, Ctx } from '../../http/context.ts';
import { archiveCase, closeCase, instructCase, recordCallback, rehandleCase, superviseCase, urgeCase } from './case.callback.ts';
import {
  dispatchCase, overruleReturn, redispatchCase, replyUp, returnCase, signCase, subDispatchCase, submitInput,
} from './case.dispatch.ts';
import { answerCase, createCase, mergeCase, registerCase, rejectCase, takeInChecked } from './case.intake.ts';
import { presentCaseForStaff } from './case.presenter.ts';
import { IntakeBatcher } from './intake.batcher.ts';
import type { Intake } from './case.create.ts';
import { languageOf } from '../../http/errors.ts';
import { CreatedCaseView } from '../duplicate/duplicate.schemas.ts';
import { approveReply, draftReply, rejectDraft, sendBackReply, signOffReply } from './case.reply.ts';
import * as cases from './case.repository.ts';
import * as S from './case.schemas.ts';
import { highlightCases, parseSearchQuery } from '../search/search.query.ts';
import {
  approveExtension, approveSuspension, refuseExtension, refuseSuspension, requestExtension, requestSuspension, resumeCase,
} from '../deadline/deadline.commands.ts';
import { loadDeadlineRules, presentDeadline, tryCalendar } from '../deadline/deadline.service.ts';

/** Each lifecycle action is one route: POST /api/cases/:id/<action>. */
const actionRoutes: Array<{ action: CaseAction; body: TSchema; summary: string; run: (ctx: Ctx, props: any) => Promise<unknown> }> = [
  { action: 'register', body: S.RegisterBody, summary: '登记立项 Register (may correct classification)', run: registerCase },
  { action: 'reject', body: S.RejectBody, summary: '不予受理 Reject with a reason code', run: rejectCase },
  { action: 'merge', body: S.MergeBody, summary: '并单 Merge into another case', run: mergeCase },
  { action: 'answer', body: S.ActionBody, summary: '直接办结 Answer at once and close (note = answer)', run: answerCase },
  { action: 'dispatch', body: S.DispatchBody, summary: '派单 Dispatch to a lead and assisting units', run: dispatchCase },
  { action: 'redispatch', body: S.DispatchBody, summary: '改派 Re-dispatch a returned case', run: redispatchCase },
  { action: 'overrule', body: S.ActionBody, summary: '驳回退单 Overrule the return (note = why)', run: overruleReturn },
  { action: 'sign', body: S.ActionBody, summary: '签收 Sign for the case', run: signCase },
  { action: 'return', body: S.ActionBody, summary: '退单 Return (note = reason)', run: returnCase },
  { action: 'subDispatch', body: S.SubDispatchBody, summary: '下派 Dispatch down to units below', run: subDispatchCase },
  { action: 'submitInput', body: S.ActionBody, summary: '协办意见 Assisting unit input (note = input)', run: submitInput },
  { action: 'replyUp', body: S.ActionBody, summary: '向上级回复 Sub-dispatched unit reports up (note = result)', run: replyUp },
  { action: 'draftReply', body: S.ActionBody, summary: '拟写答复 Draft the reply (note = reply text)', run: draftReply },
  { action: 'signOff', body: S.ActionBody, summary: '审签 Unit head signs the reply off', run: signOffReply },
  { action: 'rejectDraft', body: S.ActionBody, summary: '退回修改 Unit head sends the draft back', run: rejectDraft },
  { action: 'approve', body: S.ActionBody, summary: '审核通过 Centre approves the reply', run: approveReply },
  { action: 'sendBack', body: S.ActionBody, summary: '审核退回 Centre sends the reply back (note = why)', run: sendBackReply },
  { action: 'recordCallback', body: S.CallbackBody, summary: '回访 Record a callback attempt', run: recordCallback },
  { action: 'rehandle', body: S.ActionBody, summary: '重办 Re-handle after an unsatisfied callback', run: rehandleCase },
  { action: 'close', body: S.ActionBody, summary: '办结 Close', run: closeCase },
  { action: 'archive', body: S.ActionBody, summary: '归档 Archive', run: archiveCase },
  { action: 'urge', body: S.ActionBody, summary: '催办 Urge', run: urgeCase },
  { action: 'supervise', body: S.ActionBody, summary: '督办 Supervise', run: superviseCase },
  { action: 'instruct', body: S.ActionBody, summary: '领导批示 Leader instruction (note = instruction)', run: instructCase },
  { action: 'requestExtension', body: S.ExtensionBody, summary: '申请延期 Ask for more working days (note = reason)', run: requestExtension },
  { action: 'approveExtension', body: S.ActionBody, summary: '批准延期 Approve the extension: the deadline moves', run: approveExtension },
  { action: 'refuseExtension', body: S.ActionBody, summary: '驳回延期 Refuse the extension (note = why)', run: refuseExtension },
  { action: 'requestSuspension', body: S.ActionBody, summary: '申请挂起 Ask to stop the clock (note = reason)', run: requestSuspension },
  { action: 'approveSuspension', body: S.ActionBody, summary: '批准挂起 Approve: every unit clock stops', run: approveSuspension },
  { action: 'refuseSuspension', body: S.ActionBody, summary: '驳回挂起 Refuse the suspension (note = why)', run: refuseSuspension },
  { action: 'resume', body: S.ActionBody, summary: '恢复计时 Resume: deadlines move by the time suspended', run: resumeCase },
];

const errors = { 400: S.ErrorResponse, 401: S.ErrorResponse, 403: S.ErrorResponse, 404: S.ErrorResponse, 409: S.ErrorResponse, 422: S.ErrorResponse };

export async function caseRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const intakeBatcher = new IntakeBatcher<Intake>(deps.db, { maxBatch: deps.config.intakeBatch });

  const view = async (request: Parameters<typeof requireActor>[0], caseId: number) => {
    const actor = requireActor(request);
    const row = await cases.findVisibleCase(deps.db, actor, caseId);
    return presentCaseForStaff(deps.db, row, actor);
  };

  r.get('/api/cases', {
    schema: { tags: ['cases'], summary: 'Cases the user may see', querystring: S.ListQuery, response: { 200: S.CaseListResponse, ...errors } },
  }, async (request) => {
    const q = request.query;
    const now = new Date();
    const rules = await loadDeadlineRules(deps.db);
    const dueSoonBefore = tryCalendar(() => rules.calendar.addWorkingHours(now, rules.dueSoonWorkingHours)).at ?? now;
    const { total, totalCapped, rows } = await cases.listCases(deps.db, requireActor(request), {
      state: q.state?.split(',').filter(Boolean), channel: q.channel, type: q.type, urgency: q.urgency, unitId: q.unitId,
      phone: q.phone, q: q.q, dueState: q.dueState, supervised: q.supervised, mine: q.mine, sort: q.sort,
      now, dueSoonBefore, limit: q.limit ?? 20, offset: q.offset ?? 0,
    });
    // The yellow / red state of the earliest running unit deadline, as on the case page.
    // With a search, each item carries its highlighted title and snippet (HTML-escaped, hits in <mark>).
    const highlights = q.q ? await highlightCases(deps.db, rows.map((r) => r.id), parseSearchQuery(q.q)) : undefined;
    const items = rows.map((row) => ({
      ...row, nextDue: presentDeadline(rules, row.nextDueAt ? new Date(row.nextDueAt) : null, false, now, false),
      ...(highlights ? { highlight: highlights.get(row.id) } : {}),
    }));
    return { total, ...(q.q || totalCapped ? { totalCapped } : {}), items };
  });

  r.post('/api/cases', {
    config: { permission: 'case.create' },
    schema: { tags: ['cases'], summary: '受理 Take in an appeal; offers likely repeats (并单)', body: S.CreateCaseBody, response: { 201: CreatedCaseView, ...errors } },
  }, async (request, reply) => {
    const b = request.body;
    const actor = requireActor(request);
    // Group commit: taken in with the other intakes arriving meanwhile, answered after their transaction commits (intake.batcher.ts).
    const now = new Date();
    const lang = languageOf(request);
    const intake = await intakeBatcher.submit((trx) => ({ trx, actor, lang, now, casePrefix: deps.config.caseNumberPrefix }),
      (ctx) => takeInChecked(ctx, { ...b, urgency: b.urgency ?? 'normal' }, { duplicates: true }));
    // Citywide staff see the new case as written; anyone else reads it back through the visibility rules as before.
    const body = actor.citywide && intake.known
      ? await presentCaseForStaff(deps.db, intake.row, actor, intake.known)
      : await view(request, intake.row.id);
    return reply.status(201).send({ ...body, suggestedDuplicates: intake.suggestedDuplicates.map((d) => ({ ...d, receivedAt: d.receivedAt.toISOString() })) });
  });

  r.get('/api/cases/:id', {
    schema: { tags: ['cases'], summary: 'One case with its history and the actions the user may take now', params: S.CaseIdParams, response: { 200: S.CaseView, ...errors } },
  }, async (request) => view(request, request.params.id));

  r.get('/api/cases/by-number/:number', {
    schema: { tags: ['cases'], summary: 'One case by its number', params: { type: 'object', properties: { number: { type: 'string', maxLength: 40 } }, required: ['number'] }, response: { 200: S.CaseView, ...errors } },
  }, async (request) => {
    const { number } = request.params as { number: string };
    const id = await cases.findCaseIdByNumber(deps.db, number);
    return view(request, id ?? 0);
  });

  for (const { action, body, summary, run } of actionRoutes) {
    r.post(`/api/cases/:id/${action}`, {
      schema: { tags: ['case actions'], summary, params: S.CaseIdParams, body, response: { 200: S.CaseView, ...errors } },
    }, async (request) => {
      const props = { ...(request.body as object), caseId: request.params.id };
      await runCommand(deps, request, (ctx) => run(ctx, props));
      return view(request, request.params.id);
    });
  }
}
