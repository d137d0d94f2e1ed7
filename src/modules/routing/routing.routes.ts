import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { findVisibleCase } from '../case/case.repository.ts';
import { CaseIdParams, ErrorResponse } from '../case/case.schemas.ts';
import { listModels } from './routing.repository.ts';
import { loadRoutingSettings, mergeRoutingSettings, RoutingSettings, saveRoutingSettings } from './routing.settings.ts';
import { suggestFor } from './routing.suggest.ts';

const tags = ['routing'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** The shape the dispatch screen and the intake form read (docs/routing.md): keep it stable. */
export const SuggestionsResponse = Type.Object({
  categories: Type.Array(Type.Object({ categoryId: Type.Integer(), name: Type.String(), confidence: Type.Number() })),
  units: Type.Array(Type.Object({ unitId: Type.Integer(), name: Type.String(), confidence: Type.Number() })),
  model: Type.Object({
    categoryTrainedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    unitTrainedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  }),
});

const SuggestBody = Type.Object({
  title: Type.String({ maxLength: 100 }),
  content: Type.String({ maxLength: 5000 }),
}, { additionalProperties: false });

const ModelFacts = Type.Object({
  id: Type.Integer(), kind: Type.String(), trainedAt: Type.String({ format: 'date-time' }), samples: Type.Integer(),
  labels: Type.Integer(), sizeBytes: Type.Integer(), metrics: Type.Any(),
});

/** Classification and routing suggestions, and the administrator's routing settings. */
export async function routingRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/cases/:id/suggestions', {
    schema: {
      tags, summary: '分类与派单建议 Top 3 categories and units with confidence for a case the user may see; empty lists before any model',
      params: CaseIdParams, response: { 200: SuggestionsResponse, ...errors },
    },
  }, async (request) => {
    const row = await findVisibleCase(deps.db, requireActor(request), request.params.id);
    return suggestFor(deps.db, row);
  });

  r.post('/api/suggestions', {
    config: { permission: 'case.create' },
    schema: {
      tags, summary: 'Suggestions for an appeal not saved yet (the intake form), same shape as a case\'s',
      body: SuggestBody, response: { 200: SuggestionsResponse, ...errors },
    },
  }, async (request) => suggestFor(deps.db, request.body));

  r.get('/api/routing/settings', {
    schema: { tags, summary: 'Auto-dispatch and retraining settings', response: { 200: RoutingSettings, ...errors } },
  }, async () => loadRoutingSettings(deps.db));

  r.put('/api/routing/settings', {
    config: { permission: 'config.write' },
    schema: {
      tags, summary: 'Change auto-dispatch (off by default) or retraining; give only what changes',
      body: Type.Object({}, { additionalProperties: true }), response: { 200: RoutingSettings, ...errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    return deps.db.transaction().execute(async (trx) => {
      const next = mergeRoutingSettings(await loadRoutingSettings(trx), request.body);
      await saveRoutingSettings(trx, next, actor.userId);
      return next;
    });
  });

  r.get('/api/routing/models', {
    config: { permission: 'config.write' },
    schema: { tags, summary: 'Stored models, newest first, with their training facts', response: { 200: Type.Object({ items: Type.Array(ModelFacts) }), ...errors } },
  }, async () => ({ items: (await listModels(deps.db)).map((m) => ({ ...m, trainedAt: m.trainedAt.toISOString() })) }));
}
