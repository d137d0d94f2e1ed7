import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { createApiKey, DEFAULT_RATE_LIMIT, MAX_RATE_LIMIT, revokeApiKey, type ApiKeyView } from './apikey.commands.ts';
import { listApiKeys } from './apikey.repository.ts';

const tags = ['api keys'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

const ApiKey = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'the first 8 characters of the key' }),
  rateLimitPerMinute: Type.Integer(),
  createdAt: DateTime,
  revokedAt: Nullable(DateTime),
  lastUsedAt: Nullable(DateTime),
});
const NewApiKey = Type.Object({
  ...ApiKey.properties,
  key: Type.String({ description: 'the key itself: shown this once, never again' }),
});
const ErrorResponse = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** What leaves the server about a key: never its hash. */
function presentApiKey(k: ApiKeyView) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return { ...k, createdAt: iso(k.createdAt)!, revokedAt: iso(k.revokedAt), lastUsedAt: iso(k.lastUsedAt) };
}

/** Administrators make, list and revoke the API keys of Open311 clients. */
export async function apiKeyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/api-keys', {
    config: { permission: 'config.write' },
    schema: { tags, summary: 'API keys (never the keys themselves: prefix, limit, last use, revocation)', response: { 200: Type.Array(ApiKey), ...errors } },
  }, async () => (await listApiKeys(deps.db)).map(presentApiKey));

  r.post('/api/api-keys', {
    config: { permission: 'config.write' },
    schema: {
      tags, summary: 'Make an API key; the response is the only time the key is shown',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 100 }),
        rateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RATE_LIMIT, default: DEFAULT_RATE_LIMIT })),
      }, { additionalProperties: false }),
      response: { 201: NewApiKey, ...errors },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const made = await createApiKey(deps.db, { ...request.body, createdBy: actor.userId });
    return reply.status(201).send({ ...presentApiKey(made), key: made.key });
  });

  r.post('/api/api-keys/:id/revoke', {
    config: { permission: 'config.write' },
    schema: {
      tags, summary: 'Revoke a key: its requests are refused (403) from now on',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
      response: { 200: ApiKey, ...errors },
    },
  }, async (request) => presentApiKey(await revokeApiKey(deps.db, { id: request.params.id })));
}
