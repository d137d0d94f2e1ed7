import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { schemeProblems } from '../../domain/assessment.ts';
import { DomainError } from '../../domain/errors.ts';
import { requireActor, runCommand } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { requireUnit } from '../org/org.repository.ts';
import { decideAppeal, fileAppeal } from './assessment.appeals.ts';
import { activeScheme, existingCategoryIds, listAppeals, replaceScheme, toScheme, type StoredScheme } from './assessment.repository.ts';
import { unitBreakdown, unitScores, type AssessmentLevel } from './assessment.scores.ts';
import * as S from './assessment.schemas.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

const presentScheme = (s: StoredScheme) => ({
  year: s.year, id: s.id, name: s.name, source: s.source, createdAt: s.createdAt?.toISOString() ?? null,
  config: { indicators: s.scheme.indicators, deductions: s.scheme.deductions, bonuses: s.scheme.bonuses, exclusions: s.scheme.exclusions },
});

/**
 * The annual assessment (年度考核, docs/assessment.md): scores and ranks of
 * units, one unit's breakdown with the cases behind each deduction, the
 * year's scheme (configuration), and appeals (考核申诉).
 */
export async function assessmentRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['assessment'];

  r.get('/api/assessment/scores', {
    schema: { tags, summary: '考核得分与排名 Monthly or annual scores and ranks of the units of one level', querystring: S.ScoresQuery, response: { 200: S.ScoresResponse, ...errors } },
  }, async (request) => {
    requireActor(request);
    const q = request.query;
    const parent = q.parent ? await requireUnit(deps.db, q.parent) : null;
    return unitScores(deps.db, {
      year: q.year, month: q.month ?? null, level: (q.level as AssessmentLevel | undefined) ?? 'county',
      parentId: parent?.id ?? null, scopePath: parent?.path ?? '/',
    });
  });

  r.get('/api/assessment/units/:unitId/breakdown', {
    schema: {
      tags, summary: '得分明细 One unit\'s score, with the cases behind each deduction (own subtree, or any unit for citywide staff)',
      params: S.BreakdownParams, querystring: S.BreakdownQuery, response: { 200: S.BreakdownResponse, ...errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const unit = await requireUnit(deps.db, request.params.unitId);
    if (!actor.citywide && !unit.path.startsWith(actor.unitPath)) throw new DomainError('FORBIDDEN');
    const q = request.query;
    return unitBreakdown(deps.db, { year: q.year, month: q.month ?? null, unitId: unit.id, limit: q.limit ?? 50 });
  });

  r.get('/api/assessment/schemes/:year', {
    schema: { tags, summary: '考核方案 The year\'s active scheme (the built-in default when none is stored)', params: S.YearParams, response: { 200: S.SchemeView, ...errors } },
  }, async (request) => presentScheme(await activeScheme(deps.db, request.params.year)));

  r.put('/api/assessment/schemes/:year', {
    config: { permission: 'config.write' },
    schema: {
      tags, summary: 'Replace the year\'s scheme (validated; the old one is kept, inactive)',
      params: S.YearParams, body: S.SchemeBody, response: { 200: S.SchemeView, ...errors },
    },
  }, async (request) => {
    const { name, config } = request.body;
    const scheme = toScheme(name, config);
    const problems = schemeProblems(scheme);
    const known = await existingCategoryIds(deps.db, scheme.exclusions.categoryIds);
    scheme.exclusions.categoryIds.forEach((id, i) => {
      if (!known.has(id)) problems.push({ path: `/exclusions/categoryIds/${i}`, zh: `分类 ${id} 不存在`, en: `no category ${id}` });
    });
    if (problems.length) {
      throw new DomainError('INVALID_INPUT', {
        detail: problems.map((p) => `config${p.path} ${p.zh}`).join('；'),
        detail_en: problems.map((p) => `config${p.path} ${p.en}`).join('; '),
      }, { problems });
    }
    const stored = await runCommand(deps, request, (ctx) => replaceScheme(ctx.trx, request.params.year, name, config, ctx.actor.userId));
    return presentScheme(stored);
  });

  r.get('/api/assessment/appeals', {
    schema: { tags, summary: '考核申诉列表 Appeals, newest first (citywide staff: all; others: their subtree\'s)', querystring: S.AppealsQuery, response: { 200: S.AppealsResponse, ...errors } },
  }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    const rows = await listAppeals(deps.db, { status: q.status, caseId: q.caseId, unitPath: actor.citywide ? '/' : actor.unitPath, limit: q.limit ?? 100 });
    return {
      appeals: rows.map((a) => ({ ...a, filedAt: a.filedAt.toISOString(), decidedAt: a.decidedAt ? new Date(a.decidedAt).toISOString() : null })),
    };
  });

  r.post('/api/assessment/appeals', {
    config: { permission: 'assessment.appeal' },
    schema: { tags, summary: '提出考核申诉 A unit appeals how one case counts', body: S.AppealBody, response: { 201: S.AppealView, ...errors } },
  }, async (request, reply) => {
    const filed = await runCommand(deps, request, (ctx) => fileAppeal(ctx, request.body));
    const [view] = await listAppeals(deps.db, { appealId: filed.id, limit: 1 });
    reply.status(201);
    return { ...view, filedAt: view.filedAt.toISOString(), decidedAt: null };
  });

  r.post('/api/assessment/appeals/:id/decision', {
    config: { permission: 'assessment.decide' },
    schema: { tags, summary: '审核考核申诉 The centre accepts or rejects an appeal, with a note', params: S.AppealParams, body: S.DecideBody, response: { 200: S.AppealView, ...errors } },
  }, async (request) => {
    const decided = await runCommand(deps, request, (ctx) => decideAppeal(ctx, { appealId: request.params.id, ...request.body }));
    const rows = await listAppeals(deps.db, { limit: 1, appealId: decided.id });
    const a = rows[0];
    return { ...a, filedAt: a.filedAt.toISOString(), decidedAt: a.decidedAt ? new Date(a.decidedAt).toISOString() : null };
  });
}
