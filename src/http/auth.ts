import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { DomainError } from '../domain/errors.ts';
import { hasPermission, type Permission } from '../domain/roles.ts';
import { hashToken } from '../modules/user/user.commands.ts';
import { loadSessionActor } from '../modules/user/user.repository.ts';
import type { AppDeps, Ctx, SessionActor } from './context.ts';
import { languageOf } from './errors.ts';

export const SESSION_COOKIE = 'ms_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: SessionActor;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in (health, login, public pages). */
    public?: boolean;
    /** The permission a staff route needs beyond being logged in. */
    permission?: Permission;
  }
}

/**
 * The one access check for every route: who is calling (from the session
 * cookie) and whether their roles allow the route. Case-level scope is
 * checked by the case commands' `requireCaseAccess`.
 */
export function registerAuth(app: FastifyInstance, db: Db, ttlSeconds: number) {
  // onRequest: before the body is read or validated, so a caller who is not
  // logged in learns nothing but "log in first" (and no body is parsed for them).
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      // One statement: the session, its user and unit; the expiry slides at most once a minute.
      request.actor = await loadSessionActor(db, hashToken(token), ttlSeconds);
    }
    const config = request.routeOptions.config;
    // The browsable API documentation (registered by @fastify/swagger-ui) is public.
    // Unknown addresses answer 404 ROUTE_NOT_FOUND to everyone.
    if (config.public || request.is404 || request.routeOptions.url?.startsWith('/docs')) return;
    if (!request.actor) throw new DomainError('UNAUTHENTICATED');
    if (config.permission && !hasPermission(request.actor.roles, config.permission)) {
      throw new DomainError('FORBIDDEN');
    }
  });
}

export function requireActor(request: FastifyRequest): SessionActor {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED');
  return request.actor;
}

/** Runs a command in one transaction with the request's actor and language. */
export function runCommand<T>(deps: AppDeps, request: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const actor = requireActor(request);
  return deps.db.transaction().execute((trx) =>
    fn({ trx, actor, lang: languageOf(request), now: new Date(), casePrefix: deps.config.caseNumberPrefix }),
  );
}
