import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { formatShanghai } from '../../domain/calendar.ts';
import { describeDue } from '../../domain/deadlines.ts';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import type { Trx } from '../../db/database.ts';
import { presentPolicy } from './calendar.presenter.ts';
import * as S from './calendar.schemas.ts';
import { changeTimeLimit, createTimeLimit, deactivateTimeLimit, previewTimeLimit } from './time-limit.commands.ts';
import { listPolicies } from './time-limit.repository.ts';

const tags = ['time limits'];

/** The time-limit table (办理时限): read by all staff, edited by administrators, with a preview of what applies. */
export async function timeLimitRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tx = <T>(fn: (trx: Trx) => Promise<T>) => deps.db.transaction().execute(fn);

  r.get('/api/time-limits', {
    schema: { tags, summary: 'The time-limit rows, by stage', querystring: S.PolicyListQuery, response: { 200: S.Type.Array(S.Policy) } },
  }, async (request) => (await listPolicies(deps.db, request.query)).map(presentPolicy));

  r.get('/api/time-limits/preview', {
    schema: {
      tags, summary: 'Which row applies to such an appeal, and the deadline from `at` (default now)',
      querystring: S.PreviewQuery, response: { 200: S.PreviewResponse },
    },
  }, async (request) => {
    const q = request.query;
    const at = q.at ? new Date(q.at) : new Date();
    const preview = await previewTimeLimit(deps.db, {
      stage: q.stage, type: q.type, urgency: q.urgency ?? 'normal', channel: q.channel ?? 'hotline', categoryId: q.categoryId, at,
    });
    return { ...preview, policy: presentPolicy(preview.policy), start: formatShanghai(at), ...describeDue(preview.due) };
  });

  r.post('/api/time-limits', {
    config: { permission: 'config.write' },
    schema: { tags, summary: 'Add a row', body: S.NewPolicyBody, response: { 201: S.Policy } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await tx((trx) => createTimeLimit(trx, actor.userId, request.body));
    return reply.status(201).send(presentPolicy(row));
  });

  r.patch('/api/time-limits/:id', {
    config: { permission: 'config.write' },
    schema: { tags, summary: 'Change a row\'s limit or note, or (re)activate it', params: S.PolicyParams, body: S.PolicyPatchBody, response: { 200: S.Policy } },
  }, async (request) => {
    const actor = requireActor(request);
    return presentPolicy(await tx((trx) => changeTimeLimit(trx, actor.userId, request.params.id, request.body)));
  });

  r.post('/api/time-limits/:id/deactivate', {
    config: { permission: 'config.write' },
    schema: { tags, summary: 'Deactivate a row (the default row of a stage cannot be)', params: S.PolicyParams, response: { 200: S.Policy } },
  }, async (request) => {
    const actor = requireActor(request);
    return presentPolicy(await tx((trx) => deactivateTimeLimit(trx, actor.userId, request.params.id)));
  });
}
