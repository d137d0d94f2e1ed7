import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../../domain/roles.ts';
import { requireActor, SESSION_COOKIE } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { changeUser, createUser, logIn, logOut, resetPassword } from './user.commands.ts';
import { listUsers, userHistory } from './user.repository.ts';

const Me = Type.Object({
  userId: Type.Integer(), username: Type.String(), displayName: Type.String(), unitId: Type.Integer(),
  unitName: Type.String(), roles: Type.Array(Type.String()), citywide: Type.Boolean(),
});
const RoleEnum = Type.Union(roles.map((r) => Type.Literal(r)));
const UserParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
const UserView = Type.Object({
  id: Type.Integer(), username: Type.String(), displayName: Type.String(), unitId: Type.Integer(), roles: Type.Array(Type.String()), active: Type.Boolean(),
});
const ErrorResponse = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export async function userRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const secure = process.env.MINSHENG_SECURE_COOKIES === '1';

  r.post('/api/auth/login', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: 'Log in; sets an HttpOnly session cookie',
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 60 }), password: Type.String({ minLength: 1, maxLength: 200 }) }),
      response: { 200: Me },
    },
  }, async (request, reply) => {
    const { token } = await logIn(deps.db, request.body.username, request.body.password, deps.config.sessionTtlSeconds);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: deps.config.sessionTtlSeconds });
    const { loadActorByUsername } = await import('./user.repository.ts');
    return loadActorByUsername(deps.db, request.body.username);
  });

  r.post('/api/auth/logout', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'Log out (ends the session)', response: { 204: Type.Null() } },
  }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logOut(deps.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  r.get('/api/me', { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Me } } }, async (request) => requireActor(request));

  r.get('/api/users', {
    config: { permission: 'user.read' },
    schema: { tags: ['users'], summary: 'Staff accounts' },
  }, async () => listUsers(deps.db));

  r.post('/api/users', {
    config: { permission: 'user.write' },
    schema: {
      tags: ['users'], summary: 'Add a staff account',
      body: Type.Object({
        username: Type.String({ pattern: '^[A-Za-z0-9._-]{2,40}$' }), displayName: Type.String({ minLength: 1, maxLength: 40 }),
        unitId: Type.Integer({ minimum: 1 }), roles: Type.Array(RoleEnum, { minItems: 1, maxItems: 8 }),
        password: Type.String({ minLength: 8, maxLength: 200 }),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const user = await deps.db.transaction().execute((trx) => createUser(trx, request.body, actor.userId));
    return reply.status(201).send(user);
  });

  r.patch('/api/users/:id', {
    config: { permission: 'user.write' },
    schema: {
      tags: ['users'], summary: 'Change a staff account: name, unit, roles, or active (a deactivated account is logged out at once)',
      params: UserParams,
      body: Type.Object({
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })), unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
        roles: Type.Optional(Type.Array(RoleEnum, { minItems: 1, maxItems: 8 })), active: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false, minProperties: 1 }),
      response: { 200: UserView, ...errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    // The change and who made it go to the account's history (user_history) in the same transaction.
    const { after } = await deps.db.transaction().execute((trx) => changeUser(trx, actor.userId, request.params.id, request.body));
    return after;
  });

  r.post('/api/users/:id/password', {
    config: { permission: 'user.write' },
    schema: {
      tags: ['users'], summary: 'Set a new password for a staff account (its sessions end)',
      params: UserParams, body: Type.Object({ password: Type.String({ minLength: 8, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    await deps.db.transaction().execute((trx) => resetPassword(trx, request.params.id, request.body.password, actor.userId));
    return reply.status(204).send(null);
  });

  r.get('/api/users/:id/history', {
    config: { permission: 'user.read' },
    schema: {
      tags: ['users'], summary: 'An account\'s history: created, changed (before and after), password set — who and when, oldest first',
      params: UserParams,
      response: {
        200: Type.Array(Type.Object({
          id: Type.Integer(), at: Type.String({ format: 'date-time' }), action: Type.Union([Type.Literal('create'), Type.Literal('change'), Type.Literal('password')]),
          actorUserId: Type.Union([Type.Integer(), Type.Null()]), actorName: Type.Union([Type.String(), Type.Null()]),
          before: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]), after: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
        })),
        ...errors,
      },
    },
  }, async (request) => userHistory(deps.db, request.params.id));
}
