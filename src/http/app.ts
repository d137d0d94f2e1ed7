import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'kysely';
import { registerAuth } from './auth.ts';
import type { AppDeps } from './context.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { caseRoutes } from '../modules/case/case.routes.ts';
import { duplicateRoutes } from '../modules/duplicate/duplicate.routes.ts';
import { deadlineRoutes } from '../modules/deadline/deadline.routes.ts';
import { statsRoutes } from '../modules/stats/stats.routes.ts';
import { orgRoutes } from '../modules/org/org.routes.ts';
import { userRoutes } from '../modules/user/user.routes.ts';
import { referenceRoutes } from '../modules/category/category.routes.ts';
import { calendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { settingsRoutes } from '../modules/calendar/settings.routes.ts';
import { timeLimitRoutes } from '../modules/calendar/time-limit.routes.ts';
import { notificationRoutes } from '../modules/notification/notification.routes.ts';
import { hardCaseRoutes } from '../modules/hardcase/hardcase.routes.ts';
import { boardRoutes } from '../modules/board/board.routes.ts';
import { webRoutes } from './web.ts';
import { open311Routes } from '../modules/open311/open311.routes.ts';
import { apiKeyRoutes } from '../modules/apikey/apikey.routes.ts';
import { transferRoutes } from '../modules/transfer/transfer.routes.ts';
import { hotlineRoutes } from '../modules/hotline/hotline.routes.ts';
import { knowledgeRoutes } from '../modules/knowledge/knowledge.routes.ts';
import { hotTopicRoutes } from '../modules/hottopic/hottopic.routes.ts';
import { replyCheckRoutes } from '../modules/replycheck/replycheck.routes.ts';
import { bulletinRoutes } from '../modules/bulletin/bulletin.routes.ts';
import { openDataRoutes } from '../modules/opendata/opendata.routes.ts';
import { assessmentRoutes } from '../modules/assessment/assessment.routes.ts';
import { routingRoutes } from '../modules/routing/routing.routes.ts';
import { wordlistRoutes } from '../modules/wordlist/wordlist.routes.ts';
import { fastifyTrustProxy, type TrustProxy } from './trust-proxy.ts';

const ajvOptions = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false } as const;
/** Path parameters and query strings arrive as text and are coerced to their schema types. */
const coercing = addFormats.default(new Ajv.default({ ...ajvOptions, coerceTypes: 'array' }));
/** JSON bodies are not: `"true"` is not a boolean and `12345` is not a title; ill-typed JSON is refused. */
const strict = addFormats.default(new Ajv.default({ ...ajvOptions, coerceTypes: false }));

/**
 * Assembles the HTTP server: plugins, the one auth hook, the one error
 * handler, and each module's routes. No state lives here beyond the pool.
 */
export async function buildApp(deps: AppDeps, opts: { logger?: boolean | object; trustProxy?: TrustProxy } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Per-IP limits count request.ip: the socket's address unless TRUST_PROXY names the proxies in front (trust-proxy.ts).
    trustProxy: fastifyTrustProxy(opts.trustProxy ?? deps.config.trustProxy),
  });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Minsheng (民声) API',
        description: 'Citizen appeals: intake, dispatch, handling, reply, review, callback. Errors are `{"error": {"code", "message"}}`; send `Accept-Language: en` for English messages, `zh-TW` or `zh-Hant` for traditional Chinese.',
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
  await duplicateRoutes(app, deps);
  await orgRoutes(app, deps);
  await userRoutes(app, deps);
  await referenceRoutes(app, deps);
  await calendarRoutes(app, deps);
  await settingsRoutes(app, deps);
  await timeLimitRoutes(app, deps);
  await notificationRoutes(app, deps);
  await hardCaseRoutes(app, deps);
  await boardRoutes(app, deps);
  await open311Routes(app, deps);
  await apiKeyRoutes(app, deps);
  await transferRoutes(app, deps);
  await deadlineRoutes(app, deps);
  await statsRoutes(app, deps);
  await webRoutes(app);
  await hotlineRoutes(app, deps);
  await knowledgeRoutes(app, deps);
  await hotTopicRoutes(app, deps);
  await replyCheckRoutes(app, deps);
  await bulletinRoutes(app, deps);
  await openDataRoutes(app, deps);
  await assessmentRoutes(app, deps);
  await routingRoutes(app, deps);
  await wordlistRoutes(app, deps);
  return app;
}
