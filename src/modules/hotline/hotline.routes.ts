import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireActor, runCommand } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { presentCaseForStaff } from '../case/case.presenter.ts';
import * as cases from '../case/case.repository.ts';
import { CaseView, ErrorResponse } from '../case/case.schemas.ts';
import { completeCallbackTask, createHotlineCase, recordCall } from './hotline.commands.ts';
import { presentCall, presentCaller, presentTask } from './hotline.presenter.ts';
import * as repo from './hotline.repository.ts';
import { answerRates, shanghaiPeriod } from './hotline.rules.ts';
import * as S from './hotline.schemas.ts';
import { requirePhone } from './phone.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

/**
 * The hotline desk (12345热线坐席): caller lookup, one-request intake with an
 * optional immediate answer, call records, the answer rates and call-back
 * tasks. Routes validate, call one command or query, and present.
 */
export async function hotlineRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['hotline'];

  r.get('/api/hotline/callers/:phone', {
    config: { permission: 'hotline.desk' },
    schema: {
      tags, summary: '来电人查询 A caller’s earlier cases (any channel), open count, last name used, recent calls (operators, dispatchers, reviewers)',
      params: S.PhoneParams, response: { 200: S.CallerView, ...errors },
    },
  }, async (request) => {
    const phone = requirePhone(request.params.phone);
    const [found, calls] = await Promise.all([
      repo.callerCases(deps.db, requireActor(request), phone, 50),
      repo.callerCalls(deps.db, phone, 5),
    ]);
    return presentCaller(phone, found, calls);
  });

  r.post('/api/hotline/cases', {
    config: { permission: 'case.create' },
    schema: {
      tags, summary: '热线受理 Take in a call as a case in one request: registered by default, linked to the call, optionally answered and closed (直接办结)',
      body: S.DeskCaseBody, response: { 201: CaseView, ...errors },
    },
  }, async (request, reply) => {
    const b = request.body;
    const row = await runCommand(deps, request, (ctx) => createHotlineCase(ctx, { ...b, urgency: b.urgency ?? 'normal' }));
    const actor = requireActor(request);
    return reply.status(201).send(await presentCaseForStaff(deps.db, await cases.findVisibleCase(deps.db, actor, row.id), actor));
  });

  r.post('/api/hotline/calls', {
    config: { permission: 'hotline.desk' },
    schema: {
      tags, summary: '话务记录 Record a call, or update it by callId (idempotent); a missed call gets one call-back task',
      body: S.CallBody, response: { 200: S.CallRecorded, 201: S.CallRecorded, ...errors },
    },
  }, async (request, reply) => {
    const b = request.body;
    const at = (s: string | null | undefined) => (s ? new Date(s) : null);
    const result = await runCommand(deps, request, (ctx) => recordCall(ctx, {
      ...b, offeredAt: new Date(b.offeredAt), answeredAt: at(b.answeredAt), endedAt: at(b.endedAt),
    }));
    const now = new Date();
    const call = presentCall(await repo.findCall(deps.db, result.callId));
    const callbackTask = result.taskId !== null ? presentTask(await repo.findTask(deps.db, result.taskId), now) : null;
    return reply.status(result.created ? 201 : 200).send({ created: result.created, call, callbackTask });
  });

  r.get('/api/hotline/calls', {
    config: { permission: 'hotline.figures' },
    schema: { tags, summary: '话务记录列表 Calls offered in a period (Asia/Shanghai dates), newest first', querystring: S.CallsQuery, response: { 200: S.CallList, ...errors } },
  }, async (request) => {
    const q = request.query;
    const period = q.from || q.to ? shanghaiPeriod(q.from ?? '2000-01-01', q.to ?? '2999-12-31') : undefined;
    const { total, rows } = await repo.listCalls(deps.db, {
      from: period?.start, to: period?.end, outcome: q.outcome, phone: q.phone ? requirePhone(q.phone) : undefined,
      limit: q.limit ?? 50, offset: q.offset ?? 0,
    });
    return { total, items: rows.map(presentCall) };
  });

  r.get('/api/hotline/answer-rate', {
    config: { permission: 'hotline.figures' },
    schema: {
      tags, summary: '接通率 Connection rate and 15-second answer rate of the calls offered from `from` to `to` (Asia/Shanghai dates, inclusive)',
      querystring: S.RateQuery, response: { 200: S.AnswerRateView, ...errors },
    },
  }, async (request) => {
    const { from, to } = request.query;
    const { start, end } = shanghaiPeriod(from, to);
    const counts = await repo.countCalls(deps.db, start, end);
    return { from, to, timezone: 'Asia/Shanghai', ...counts, ...answerRates(counts) };
  });

  r.get('/api/hotline/callback-tasks', {
    config: { permission: 'hotline.desk' },
    schema: { tags, summary: '回拨任务 Call-back tasks of missed calls (open: soonest due first)', querystring: S.TasksQuery, response: { 200: S.TaskList, ...errors } },
  }, async (request) => {
    const q = request.query;
    const { total, rows } = await repo.listTasks(deps.db, { status: (q.status as 'open' | 'done' | undefined) ?? 'open', limit: q.limit ?? 50, offset: q.offset ?? 0 });
    const now = new Date();
    return { total, items: rows.map((row) => presentTask(row, now)) };
  });

  r.post('/api/hotline/callback-tasks/:id/done', {
    config: { permission: 'hotline.desk' },
    schema: {
      tags, summary: '回拨完成 Mark a call-back task done with what came of it; the call counts as called back',
      params: S.TaskIdParams, body: S.TaskDoneBody, response: { 200: S.TaskView, ...errors },
    },
  }, async (request) => {
    const id = await runCommand(deps, request, (ctx) => completeCallbackTask(ctx, { ...request.body, taskId: request.params.id }));
    return presentTask(await repo.findTask(deps.db, id), new Date());
  });
}
