import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.ts';
import { languageOf, wantsTraditional } from '../../http/errors.ts';
import { toTraditional } from '../board/i18n/zh-Hant.ts';
import { renderNotification, type NotificationFacts } from './templates.ts';
import type { AppDeps } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { listForUser, markAllRead, markRead, type NotificationPage } from './notification.repository.ts';

/** Staff's own in-app notifications (站内消息): list, mark one read, mark all read. */

const Notification = Type.Object({
  id: Type.Integer(),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String({ description: 'the outbox event, e.g. case.dispatch, deadline.urged' }),
  title: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const Page = Type.Object({
  total: Type.Integer({ description: 'how many match the filter' }),
  unread: Type.Integer({ description: 'how many of the user’s notifications are unread' }),
  items: Type.Array(Notification),
});
const errors = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse };

/**
 * What leaves the server: the texts in the reader's language, made from the
 * stored facts (the stored Chinese text for rows without facts), converted
 * to traditional characters for zh-Hant; times as ISO 8601.
 */
function present(request: FastifyRequest, n: NotificationPage['items'][number]) {
  const { facts, ...row } = n;
  const english = languageOf(request) === 'en';
  const text = renderNotification(facts as NotificationFacts | null, english ? 'en' : 'zh') ?? { title: row.title, body: row.body };
  const traditional = !english && wantsTraditional(request);
  return {
    ...row,
    title: traditional ? toTraditional(text.title) : text.title,
    body: traditional ? toTraditional(text.body) : text.body,
    createdAt: row.createdAt.toISOString(), readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

export async function notificationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/notifications', {
    schema: {
      tags: ['notifications'], summary: 'My notifications, newest first, with the unread count',
      querystring: Type.Object({
        unread: Type.Optional(Type.Boolean({ description: 'only unread ones' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
      }, { additionalProperties: false }),
      response: { 200: Page, ...errors },
    },
  }, async (request) => {
    const q = request.query;
    const page = await listForUser(deps.db, requireActor(request).userId, { unreadOnly: q.unread ?? false, limit: q.limit ?? 20, offset: q.offset ?? 0 });
    return { ...page, items: page.items.map((n) => present(request, n)) };
  });

  r.post('/api/notifications/:id/read', {
    schema: {
      tags: ['notifications'], summary: 'Mark one of my notifications read (another user’s answers 404)',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
      response: { 200: Notification, ...errors },
    },
  }, async (request) => present(request, await markRead(deps.db, requireActor(request).userId, request.params.id)));

  r.post('/api/notifications/read-all', {
    schema: {
      tags: ['notifications'], summary: 'Mark all my notifications read',
      response: { 200: Type.Object({ updated: Type.Integer() }), ...errors },
    },
  }, async (request) => ({ updated: await markAllRead(deps.db, requireActor(request).userId) }));
}
