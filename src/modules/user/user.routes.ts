import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../../domain/roles.ts';
import { requireActor, SESSION_COOKIE } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { createUser, logIn, logOut } from './user.commands.ts';
import { listUsers } from './user.repository.ts';

const Me = Type.Object({
  userId: Type.Integer(), username: Type.String(), displayName: Type.String(), unitId: Type.Integer(),
  unitName: Type.String(), roles: Type.Array(Type.String()), citywide: Type.Boolean(),
});
const RoleEnum = Type.Union(roles.map((r) => Type.Literal(r)));

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
    const user = await deps.db.transaction().execute((trx) => createUser(trx, request.body));
    return reply.status(201).send(user);
  });
}
