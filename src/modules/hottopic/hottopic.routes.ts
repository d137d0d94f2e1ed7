import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { getHotTopic, listHotTopics } from './hottopic.read.ts';
import { getHotTopicSettings, HotTopicSettings, putHotTopicSettings } from './hottopic.settings.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

const Window = Type.String({ pattern: '^([1-9]|[1-8][0-9]|90)d$', default: '7d', description: 'the last N days, 1d–90d' });
const ListQuery = Type.Object({
  window: Window,
  unit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'only appeals in this region unit and below' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
}, { additionalProperties: false });

const Representative = Type.Object({ caseId: Type.Integer(), title: Type.String() });
const TopicBase = {
  id: Type.Integer(), label: Type.String(), place: Type.Union([Type.String(), Type.Null()]), terms: Type.Array(Type.String()),
  region: Type.Union([Type.String(), Type.Null()]), size: Type.Integer({ description: 'appeals in the topic city-wide' }),
  firstAt: Type.String({ format: 'date-time' }), lastAt: Type.String({ format: 'date-time' }),
  alertedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
};
const TopicSummary = Type.Object({
  ...TopicBase,
  count: Type.Integer({ description: 'appeals in the window that the reader may see' }),
  last24h: Type.Integer(),
  trend: Type.Array(Type.Object({ day: Type.String(), count: Type.Integer() })),
  representatives: Type.Array(Representative),
});
const TopicDetail = Type.Object({
  ...TopicBase,
  cases: Type.Array(Type.Object({
    id: Type.Integer(), number: Type.String(), title: Type.String(), channel: Type.String(), state: Type.String(), receivedAt: Type.String({ format: 'date-time' }),
  })),
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const days = (window: string) => Number(window.slice(0, -1));

/** Hot topics (热点) over HTTP: the ranked list, one topic's appeals, and the settings. */
export async function hotTopicRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/hot-topics', {
    schema: {
      tags: ['hot-topics'], summary: '热点 Hot topics in a window, ranked by visible appeals, with a daily trend and representative titles',
      querystring: ListQuery,
      response: { 200: Type.Object({ from: Type.String(), to: Type.String(), items: Type.Array(TopicSummary) }), ...errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const { window, unit, limit } = request.query;
    const res = await listHotTopics(deps.db, actor, { days: days(window), unitId: unit, limit, now: new Date() });
    return {
      from: res.from.toISOString(), to: res.to.toISOString(),
      items: res.items.map((t) => ({ ...t, firstAt: iso(t.firstAt)!, lastAt: iso(t.lastAt)!, alertedAt: iso(t.alertedAt) })),
    };
  });

  r.get('/api/hot-topics/settings', {
    schema: { tags: ['hot-topics'], summary: 'Clustering and alert settings of hot topics', response: { 200: HotTopicSettings, ...errors } },
  }, async (request) => {
    requireActor(request);
    return getHotTopicSettings(deps.db);
  });

  r.put('/api/hot-topics/settings', {
    config: { permission: 'config.write' },
    schema: { tags: ['hot-topics'], summary: 'Change the clustering and alert settings (administrators)', body: HotTopicSettings, response: { 200: HotTopicSettings, ...errors } },
  }, async (request) => putHotTopicSettings(deps.db, request.body, requireActor(request).userId));

  r.get('/api/hot-topics/:id', {
    schema: {
      tags: ['hot-topics'], summary: 'One hot topic and its appeals the reader may see (newest first, at most 500)',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
      querystring: Type.Object({ window: Type.String({ pattern: '^([1-9]|[1-8][0-9]|90)d$', default: '90d' }) }, { additionalProperties: false }),
      response: { 200: TopicDetail, ...errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const t = await getHotTopic(deps.db, actor, request.params.id, { days: days(request.query.window), limit: 500, now: new Date() });
    return {
      ...t, firstAt: iso(t.firstAt)!, lastAt: iso(t.lastAt)!, alertedAt: iso(t.alertedAt),
      cases: t.cases.map((c) => ({ ...c, receivedAt: iso(c.receivedAt)! })),
    };
  });
}
