import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError, renderMessage, type DomainErrorCode } from '../../domain/errors.ts';
import type { AppDeps } from '../../http/context.ts';
import { checkApiKey, useApiKey } from '../apikey/apikey.commands.ts';
import { submitServiceRequest } from './open311.commands.ts';
import {
  formatOfUrl, formats, Open311Error, sendErrors, sendFormatted, splitResource, toXml, type Format, type Tree,
} from './open311.format.ts';
import { param, parseNewRequest, parseRequestQuery, type Params } from './open311.params.ts';
import { isoShanghai, presentRequest, type Open311Request } from './open311.presenter.ts';
import { findNumberByToken, findPublicRequests, open311Actor, searchPublicRequests } from './open311.repository.ts';
import * as S from './open311.schemas.ts';
import { listServices, presentService, requireService, serviceDefinition, servicesChangeset } from './open311.services.ts';

export const OPEN311_PREFIX = '/open311/v2';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
const tags = ['open311'];
/** Public routes: no session; POST requests is authorised by its api_key. */
const publicRoute = { config: { public: true } } as const;

const keyRefusals = {
  missing: 'api_key was not provided (缺少 api_key)',
  unknown: 'api_key is not valid (api_key 无效)',
  revoked: 'api_key has been revoked (api_key 已被吊销)',
} as const;

/**
 * Open311 GeoReport v2 at /open311/v2 (docs/open311.md): discovery, services,
 * service definitions, POST and GET requests, tokens; `.json` or `.xml`
 * decides the format, errors included. An encapsulated scope: the form body
 * parser and the spec's error format apply to these routes only.
 */
export async function open311Routes(app: FastifyInstance, deps: AppDeps) {
  await app.register(async (scope) => {
    await scope.register(formbody);
    scope.setErrorHandler(open311ErrorHandler);
    scope.setNotFoundHandler((request, reply) =>
      sendErrors(reply, formatOfUrl(request.url), 404, [{ code: 404, description: 'No such Open311 resource; resources end in .json or .xml (地址不存在)' }]));
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();

    for (const format of formats) {
      r.get(`/discovery.${format}`, {
        ...publicRoute, schema: { tags, summary: `Service discovery (${format})`, security: [], response: S.responses(S.Discovery) },
      }, async (request, reply) => {
        const changeset = isoShanghai(await servicesChangeset(deps.db))!;
        const discovery = {
          changeset,
          contact: '12345政务服务便民热线：电话 12345。Call the 12345 government service hotline for help with this API.',
          key_service: 'API 密钥由 12345 热线中心的系统管理员发放。API keys are issued by the administrators of the 12345 centre.',
          endpoints: [{
            specification: SPECIFICATION, url: `${request.protocol}://${request.host}${OPEN311_PREFIX}`, changeset, type: 'production',
            formats: ['text/xml', 'application/json'],
          }],
        };
        return sendFormatted(reply, format, discovery, () => toXml('discovery', {
          ...discovery, endpoints: { endpoint: discovery.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) },
        }));
      });

      r.get(`/services.${format}`, {
        ...publicRoute, schema: { tags, summary: `Services: one per level-3 category (${format})`, security: [], response: S.responses(Type.Array(S.Service)) },
      }, async (_request, reply) => {
        const services = (await listServices(deps.db)).map(presentService);
        return sendFormatted(reply, format, services, () => toXml('services', { service: services }));
      });

      r.post(`/requests.${format}`, {
        ...publicRoute,
        schema: {
          tags, summary: `Create a service request; needs api_key (${format})`, security: [], consumes: ['application/x-www-form-urlencoded'],
          body: S.NewRequestBody, response: S.responses(S.Created, { 403: S.ErrorList, 429: S.ErrorList }),
        },
      }, async (request, reply) => {
        // The spec sends everything in the form body; a key in the query string is accepted too.
        const params: Params = { ...(request.query as Params), ...((request.body ?? {}) as Params) };
        const check = await checkApiKey(deps.db, param(params, 'api_key')?.trim());
        if (!check.ok) throw Open311Error.of(403, keyRefusals[check.reason]);
        const rate = await useApiKey(deps.db, check.key);
        if (!rate.allowed) {
          throw new Open311Error(429, [{ code: 429, description: `over this key's limit of ${rate.limit} requests per minute; retry in ${rate.retryAfterSeconds} s (超过每分钟 ${rate.limit} 次的请求上限)` }], rate.retryAfterSeconds);
        }
        const input = parseNewRequest(params);
        const created = await deps.db.transaction().execute(async (trx) => {
          const actor = await open311Actor(trx);
          return submitServiceRequest({ trx, actor, lang: 'zh', now: new Date(), casePrefix: deps.config.caseNumberPrefix }, { ...input, apiKeyId: check.key.id });
        });
        const body = [{ service_request_id: created.serviceRequestId, service_notice: created.serviceNotice }];
        return sendFormatted(reply, format, body, () => toXml('service_requests', { request: body }));
      });

      r.get(`/requests.${format}`, {
        ...publicRoute, schema: { tags, summary: `Search service requests (${format})`, security: [], querystring: S.RequestsQuery, response: S.responses(Type.Array(S.Request)) },
      }, async (request, reply) => {
        const q = parseRequestQuery(request.query as Params, new Date());
        const rows = q.kind === 'ids'
          ? await findPublicRequests(deps.db, q.ids)
          : await searchPublicRequests(deps.db, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
        return sendRequests(reply, format, rows.map(presentRequest));
      });
    }

    r.get('/services/:file', {
      ...publicRoute, schema: { tags, summary: 'A service definition: services/{service_code}.json or .xml', security: [], params: S.ResourceParams, response: S.responses(S.ServiceDefinition) },
    }, async (request, reply) => {
      const { name, format } = resource(request.params.file);
      const definition = await serviceDefinition(deps.db, await requireService(deps.db, name));
      return sendFormatted(reply, format, definition, () => toXml('service_definition', {
        service_code: definition.service_code,
        attributes: { attribute: definition.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
      }));
    });

    r.get('/requests/:file', {
      ...publicRoute, schema: { tags, summary: 'One service request: requests/{service_request_id}.json or .xml', security: [], params: S.ResourceParams, response: S.responses(Type.Array(S.Request)) },
    }, async (request, reply) => {
      const { name, format } = resource(request.params.file);
      const rows = await findPublicRequests(deps.db, [name]);
      if (rows.length === 0) throw Open311Error.of(404, `service request ${name} was not found (找不到该诉求)`);
      return sendRequests(reply, format, rows.map(presentRequest));
    });

    r.get('/tokens/:file', {
      ...publicRoute, schema: { tags, summary: 'The request id of a token: tokens/{token}.json or .xml', security: [], params: S.ResourceParams, response: S.responses(S.TokenAnswer) },
    }, async (request, reply) => {
      const { name: token, format } = resource(request.params.file);
      const number = /^[0-9a-f]{32}$/.test(token) ? await findNumberByToken(deps.db, token) : undefined;
      if (!number) throw Open311Error.of(404, `token ${token} was not found (找不到该 token)`);
      const body = [{ service_request_id: number, token }];
      return sendFormatted(reply, format, body, () => toXml('service_requests', { request: body }));
    });
  }, { prefix: OPEN311_PREFIX });
}

function sendRequests(reply: FastifyReply, format: Format, requests: Open311Request[]) {
  return sendFormatted(reply, format, requests, () => toXml('service_requests', { request: requests as unknown as Tree[] }));
}

/** `AL2026-000123.json` → its name and format. @throws Open311Error 404 for any other extension. */
function resource(file: string) {
  const parts = splitResource(file);
  if (!parts) throw Open311Error.of(404, 'No such Open311 resource; resources end in .json or .xml (地址不存在)');
  return parts;
}

/** Domain refusals in the spec's terms: not found is 404, everything else a client can fix is 400. */
const statusOfDomain: Partial<Record<DomainErrorCode, 403 | 404>> = {
  NOT_FOUND: 404, CASE_NOT_FOUND: 404, CATEGORY_NOT_FOUND: 404, UNIT_NOT_FOUND: 404, USER_NOT_FOUND: 404,
  UNAUTHENTICATED: 403, FORBIDDEN: 403,
};

/**
 * Every failure of an Open311 route as `[{code, description}]` (or XML
 * `<errors>`), in the format of the resource asked for. The spec's statuses:
 * 404 for what does not exist, 403 for the api_key, 429 over the key's limit,
 * and 400 for everything else — a server failure too ("general service
 * error"), logged without details for the client.
 */
function open311ErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const format = formatOfUrl(request.url);
  if (error instanceof Open311Error) {
    if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
    return sendErrors(reply, format, error.status, error.errors);
  }
  if (error instanceof DomainError) {
    const status = statusOfDomain[error.code] ?? 400;
    const description = error.code === 'CATEGORY_NOT_FOUND'
      ? `service_code ${String(error.params.detail ?? '')} was not found (找不到该服务)`
      : `${renderMessage(error.code, error.params, 'en')} (${renderMessage(error.code, error.params, 'zh')})`;
    return sendErrors(reply, format, status, [{ code: status, description }]);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const description = error.statusCode === 415 || error.validationContext === 'body'
      ? 'POST requests as application/x-www-form-urlencoded (请求格式须为表单)'
      : error.statusCode === 413 ? 'The request is too large (请求内容过大)' : 'The request could not be understood (请求格式不正确)';
    return sendErrors(reply, format, 400, [{ code: 400, description }]);
  }
  request.log.error({ err: error }, 'open311: unhandled error');
  return sendErrors(reply, format, 400, [{ code: 400, description: 'General service error; it has been logged (服务暂时出错，已记录)' }]);
}
