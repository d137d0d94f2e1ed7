import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireActor, runCommand } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import * as cases from '../case/case.repository.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { addMilestone, closeOutHardCase, completeMilestone, openHardCase, reportProgress } from './hardcase.commands.ts';
import { presentHardCase } from './hardcase.presenter.ts';
import * as S from './hardcase.schemas.ts';
import { buildLedger } from './ledger.ts';
import { ledgerContentDisposition, ledgerWorkbook } from './ledger.xlsx.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Hard and long-standing cases (疑难、历史遗留) and the ledger (台账). Who may
 * do what is decided in domain/hardcase.ts; these routes validate, call
 * one command, and present.
 */
export async function hardCaseRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['hard cases'];

  const view = async (request: FastifyRequest, caseId: number) => {
    const actor = requireActor(request);
    const row = await cases.findVisibleCase(deps.db, actor, caseId);
    return presentHardCase(deps.db, row, actor, new Date());
  };

  r.post('/api/cases/:id/hard-case', {
    schema: {
      tags, summary: '列为疑难事项 Make the case a hard case: responsible leader, task force (专班), plan, milestones (supervisors, leaders)',
      params: S.CaseIdParams, body: S.OpenBody, response: { 201: S.HardCaseView, ...errors },
    },
  }, async (request, reply) => {
    await runCommand(deps, request, (ctx) => openHardCase(ctx, { ...request.body, caseId: request.params.id }));
    return reply.status(201).send(await view(request, request.params.id));
  });

  r.get('/api/cases/:id/hard-case', {
    schema: { tags, summary: 'The hard case of a case: plan, task force, milestones, reports, allowed actions', params: S.CaseIdParams, response: { 200: S.HardCaseView, ...errors } },
  }, async (request) => view(request, request.params.id));

  r.post('/api/cases/:id/hard-case/milestones', {
    schema: {
      tags, summary: '添加节点 Add a milestone (task force, responsible leader, supervisors)',
      params: S.CaseIdParams, body: S.MilestoneBody, response: { 201: S.HardCaseView, ...errors },
    },
  }, async (request, reply) => {
    await runCommand(deps, request, (ctx) => addMilestone(ctx, { ...request.body, caseId: request.params.id }));
    return reply.status(201).send(await view(request, request.params.id));
  });

  r.post('/api/cases/:id/hard-case/milestones/:mid/done', {
    schema: {
      tags, summary: '完成节点 Mark a milestone done (task force, responsible leader, supervisors)',
      params: S.MilestoneParams, body: S.MilestoneDoneBody, response: { 200: S.HardCaseView, ...errors },
    },
  }, async (request) => {
    const { id, mid } = request.params;
    await runCommand(deps, request, (ctx) => completeMilestone(ctx, { ...request.body, caseId: id, milestoneId: mid }));
    return view(request, id);
  });

  r.post('/api/cases/:id/hard-case/reports', {
    schema: {
      tags, summary: '报送进展 Progress report (task-force units, the responsible leader)',
      params: S.CaseIdParams, body: S.ReportBody, response: { 201: S.HardCaseView, ...errors },
    },
  }, async (request, reply) => {
    await runCommand(deps, request, (ctx) => reportProgress(ctx, { ...request.body, caseId: request.params.id }));
    return reply.status(201).send(await view(request, request.params.id));
  });

  r.post('/api/cases/:id/hard-case/close-out', {
    schema: {
      tags, summary: '销号 Close the hard case out (only its responsible leader; a note is required while milestones are open)',
      params: S.CaseIdParams, body: S.CloseOutBody, response: { 200: S.HardCaseView, ...errors },
    },
  }, async (request) => {
    await runCommand(deps, request, (ctx) => closeOutHardCase(ctx, { ...request.body, caseId: request.params.id }));
    return view(request, request.params.id);
  });

  const filterOf = (q: S.LedgerQuery) =>
    ({ kind: q.kind ?? 'all', overdueOnly: q.overdueOnly ?? false, leaderId: q.leaderId });

  r.get('/api/ledger', {
    schema: {
      tags, summary: '台账 Ledger of hard and supervised cases: owner, days open, next milestone, overdue flags',
      querystring: S.LedgerQuery, response: { 200: S.LedgerResponse, ...errors },
    },
  }, async (request) => buildLedger(deps.db, requireActor(request), filterOf(request.query), new Date()));

  // Untyped on purpose: the body is a workbook, not JSON, so the JSON reply types do not apply.
  app.get('/api/ledger.xlsx', {
    schema: {
      tags, summary: '台账导出 The ledger as an Excel workbook (same filters)',
      querystring: S.LedgerQuery,
      produces: [XLSX],
      response: {
        200: { description: '台账-YYYY-MM-DD.xlsx', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } },
        ...errors,
      },
    },
  }, async (request, reply) => {
    const ledger = await buildLedger(deps.db, requireActor(request), filterOf(request.query as S.LedgerQuery), new Date());
    const body = await ledgerWorkbook(ledger.items, ledger.today);
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', ledgerContentDisposition(ledger.today))
      .header('cache-control', 'no-store')
      .send(body);
  });
}
