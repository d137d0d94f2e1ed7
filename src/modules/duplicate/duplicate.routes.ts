import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { invalidInput } from '../../domain/errors.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { countContactsAndCases } from './duplicate.repository.ts';
import { findDuplicatesOf } from './duplicate.service.ts';
import * as S from './duplicate.schemas.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** The repeat check (并单) over HTTP: a case's likely duplicates, and contacts vs cases. */
export async function duplicateRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/cases/:id/duplicates', {
    schema: {
      tags: ['cases'], summary: '疑似重复 Likely repeats of a case (top 5, with score and reasons)',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
      response: { 200: S.DuplicatesResponse, ...errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const { windowDays, items } = await findDuplicatesOf(deps.db, actor, request.params.id);
    return { caseId: request.params.id, windowDays, items: items.map((d) => ({ ...d, receivedAt: d.receivedAt.toISOString() })) };
  });

  r.get('/api/figures/contacts', {
    schema: {
      tags: ['figures'], summary: '来电来信与诉求件 Contacts (repeats included) and cases (merged repeats excluded) received in [from, to)',
      querystring: S.FiguresQuery, response: { 200: S.ContactsAndCases, ...errors },
    },
  }, async (request) => {
    requireActor(request);
    const from = new Date(request.query.from);
    const to = new Date(request.query.to);
    if (!(from < to)) throw invalidInput('起始时间应早于结束时间', '`from` must be before `to`');
    return { from: from.toISOString(), to: to.toISOString(), ...(await countContactsAndCases(deps.db, from, to)) };
  });
}
