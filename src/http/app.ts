import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'kysely';
import { registerAuth } from './auth.ts';
import type { AppDeps } from './context.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { caseRoutes } from '../modules/case/case.routes.ts';
import { orgRoutes } from '../modules/org/org.routes.ts';
import { userRoutes } from '../modules/user/user.routes.ts';
import { referenceRoutes } from '../modules/category/category.routes.ts';

/**
 * Assembles the HTTP server: plugins, the one auth hook, the one error
 * handler, and each module's routes. No state lives here beyond the pool.
 */
export async function buildApp(deps: AppDeps, opts: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Minsheng (民声) API',
        description: 'Citizen appeals: intake, dispatch, handling, reply, review, callback. Errors are `{"error": {"code", "message"}}`; send `Accept-Language: en` for English messages.',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ms_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  registerAuth(app, deps.db, deps.config.sessionTtlSeconds);

  app.get('/healthz', { config: { public: true }, schema: { tags: ['meta'], summary: 'Ready when the database answers' } }, async () => {
    await sql`SELECT 1`.execute(deps.db);
    return { status: 'ok', database: 'ok', time: new Date().toISOString() };
  });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await caseRoutes(app, deps);
  await orgRoutes(app, deps);
  await userRoutes(app, deps);
  await referenceRoutes(app, deps);
  return app;
}
