import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../http/context.ts';
import { changeCategory, createCategory } from './category.commands.ts';
import { actionLabels, caseStates, stateLabels } from '../../domain/lifecycle.ts';
import { roleLabels } from '../../domain/roles.ts';
import { caseTypeLabels, channelLabels, urgencyLabels } from '../case/case.vocabulary.ts';

/** The configurable lists and fixed vocabularies a client needs to build its forms. */
export async function referenceRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/categories', {
    schema: {
      tags: ['reference'], summary: 'The three-level category tree (flat, with parentId); deactivated ones only with includeInactive',
      querystring: Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }),
    },
  }, async (request) => {
    let q = deps.db.selectFrom('categories').select(['id', 'parentId', 'name', 'level', 'fullName', 'active']).orderBy('sort');
    if (!request.query.includeInactive) q = q.where('active', '=', true);
    return q.execute();
  });
  await categoryAdminRoutes(app, deps);
  app.get('/api/reject-reasons', { schema: { tags: ['reference'], summary: 'Reasons for not accepting an appeal (不予受理)' } }, async () =>
    deps.db.selectFrom('rejectReasons').select(['code', 'labelZh', 'labelEn']).where('active', '=', true).orderBy('code').execute(),
  );
  app.get('/api/vocabulary', { schema: { tags: ['reference'], summary: 'States, actions, channels, types, urgencies, roles with labels' } }, async () => ({
    states: caseStates.map((s) => ({ code: s, ...stateLabels[s] })),
    actions: Object.entries(actionLabels).map(([code, l]) => ({ code, ...l })),
    channels: Object.entries(channelLabels).map(([code, l]) => ({ code, ...l })),
    types: Object.entries(caseTypeLabels).map(([code, l]) => ({ code, ...l })),
    urgencies: Object.entries(urgencyLabels).map(([code, l]) => ({ code, ...l })),
    roles: Object.entries(roleLabels).map(([code, l]) => ({ code, ...l })),
  }));
}

const CategoryParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
const CategoryName = Type.String({ minLength: 1, maxLength: 40 });
const CategoryView = Type.Object({
  id: Type.Integer(), parentId: Type.Union([Type.Integer(), Type.Null()]), name: Type.String(), level: Type.Integer(), fullName: Type.String(), active: Type.Boolean(),
});
const ErrorResponse = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Administrators add, rename and (de)activate categories; there is no delete (cases keep pointing at them). */
async function categoryAdminRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reference'];

  r.post('/api/categories', {
    config: { permission: 'config.write' },
    schema: {
      tags, summary: 'Add a category (at most three levels; parentId null for a top-level one)',
      body: Type.Object({ name: CategoryName, parentId: Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()]) }, { additionalProperties: false }),
      response: { 201: CategoryView, ...errors },
    },
  }, async (request, reply) => {
    const row = await deps.db.transaction().execute((trx) => createCategory(trx, request.body));
    return reply.status(201).send(row);
  });

  r.patch('/api/categories/:id', {
    config: { permission: 'config.write' },
    schema: {
      tags, summary: 'Rename a category (its descendants\' full names follow) or (de)activate it; categories are never deleted',
      params: CategoryParams,
      body: Type.Object({ name: Type.Optional(CategoryName), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false, minProperties: 1 }),
      response: { 200: CategoryView, ...errors },
    },
  }, async (request) => deps.db.transaction().execute((trx) => changeCategory(trx, request.params.id, request.body)));
}
