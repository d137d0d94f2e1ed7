import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { checkCurrentReply, checkReplyForCase } from './replycheck.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const CaseId = Type.Integer({ minimum: 1, maximum: 2147483647 });

const Check = Type.Object({
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  reasons: Type.Array(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String(), weight: Type.Integer() })),
  facts: Type.Object({ length: Type.Integer(), topicOverlap: Type.Number(), substance: Type.Integer(), nearDuplicates: Type.Integer() }),
});

/** Reply checks over HTTP: the current reply of a case, and a draft being written. */
export async function replyCheckRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/cases/:id/reply-check', {
    schema: {
      tags: ['cases'], summary: '答复检查 Check the case’s current reply: score 0–100 with reasons (handlers, heads, reviewers, supervisors)',
      params: Type.Object({ id: CaseId }),
      response: {
        200: Type.Object({
          caseId: Type.Integer(), replyId: Type.Union([Type.Integer(), Type.Null()]), status: Type.Union([Type.String(), Type.Null()]),
          check: Type.Union([Check, Type.Null()]),
        }),
        ...errors,
      },
    },
  }, async (request) => ({ caseId: request.params.id, ...(await checkCurrentReply(deps.db, requireActor(request), request.params.id)) }));

  r.post('/api/reply-check', {
    schema: {
      tags: ['cases'], summary: '答复检查 Check a draft reply to a case before it is submitted',
      body: Type.Object({ caseId: CaseId, reply: Type.String({ minLength: 1, maxLength: 20000 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ caseId: Type.Integer(), check: Check }), ...errors },
    },
  }, async (request) => ({
    caseId: request.body.caseId,
    check: await checkReplyForCase(deps.db, requireActor(request), request.body.caseId, request.body.reply),
  }));
}
