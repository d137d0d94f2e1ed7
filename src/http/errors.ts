import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, renderMessage, type DomainErrorCode, type Language } from '../domain/errors.ts';
import { pickLang } from '../modules/board/i18n/index.ts';
import { toTraditional } from '../modules/board/i18n/zh-Hant.ts';

/** The one place where domain errors meet HTTP. */
const statusOf: Record<DomainErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  UNIT_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  CATEGORY_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ROLE_NOT_PERMITTED: 403,
  NOT_ASSIGNED: 403,
  NOT_RESPONSIBLE_LEADER: 403,
  ACTION_NOT_ALLOWED: 409,
  PRECONDITION_FAILED: 422,
  STALE_VERSION: 409,
  CONFLICT: 409,
  CALENDAR_UNCONFIRMED: 422,
};

/**
 * The language of messages for a request, from `Accept-Language` (the web
 * app sends its UI language): English, or Chinese — simplified by default,
 * traditional for zh-Hant / zh-TW / zh-HK / zh-MO, converted at the edge by
 * `sendError` so that every message is written once, in simplified Chinese.
 */
export function languageOf(request: FastifyRequest): Language {
  return pickLang(undefined, request.headers['accept-language']).lang === 'en' ? 'en' : 'zh';
}

export function wantsTraditional(request: FastifyRequest): boolean {
  return pickLang(undefined, request.headers['accept-language']).lang === 'zh-Hant';
}

const ajvKeywordsZh: Record<string, (p: Record<string, unknown>) => string> = {
  required: (p) => `缺少必填字段 ${String(p.missingProperty)}`,
  maxLength: (p) => `长度不能超过 ${String(p.limit)} 个字符`,
  minLength: (p) => `长度不能少于 ${String(p.limit)} 个字符`,
  type: (p) => `类型应为 ${String(p.type)}`,
  enum: (p) => `取值应为以下之一：${(p.allowedValues as unknown[]).join('、')}`,
  minimum: (p) => `不能小于 ${String(p.limit)}`,
  maximum: (p) => `不能大于 ${String(p.limit)}`,
  format: (p) => `格式应为 ${String(p.format)}`,
  pattern: () => `格式不正确`,
  maxItems: (p) => `最多 ${String(p.limit)} 项`,
  minItems: (p) => `至少 ${String(p.limit)} 项`,
  additionalProperties: (p) => `不允许的字段 ${String(p.additionalProperty)}`,
};

function validationMessage(error: FastifyError, lang: Language): string {
  const first = error.validation?.[0];
  if (!first) return error.message;
  const where = `${error.validationContext ?? ''}${first.instancePath || ''}`;
  if (lang === 'en') return `${where} ${first.message ?? 'is invalid'}`.trim();
  const zh = ajvKeywordsZh[first.keyword]?.(first.params as Record<string, unknown>) ?? '不符合要求';
  return `${where} ${zh}`.trim();
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
) {
  if (wantsTraditional(reply.request)) message = toTraditional(message);
  return reply.status(status).send({ error: { code, message, ...(details ? { details } : {}) } });
}

/**
 * Maps every error to `{error: {code, message}}`: domain errors by code,
 * schema failures as INVALID_INPUT, the rest as a logged 500 without details.
 */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const lang = languageOf(request);
  if (error instanceof DomainError) {
    return sendError(reply, statusOf[error.code], error.code, renderMessage(error.code, error.params, lang), error.details);
  }
  if (error.validation) {
    const detail = validationMessage(error, lang);
    return sendError(reply, 400, 'INVALID_INPUT', renderMessage('INVALID_INPUT', { detail }, lang));
  }
  if (error.statusCode === 413) {
    return sendError(reply, 413, 'PAYLOAD_TOO_LARGE', lang === 'en' ? 'The request is too large' : '请求内容过大');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const message = lang === 'en' ? 'The request could not be understood' : '请求格式不正确';
    return sendError(reply, error.statusCode, 'BAD_REQUEST', message);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, 500, 'INTERNAL', lang === 'en' ? 'Internal error; it has been logged' : '服务器内部错误，已记录');
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const lang = languageOf(request);
  return sendError(reply, 404, 'ROUTE_NOT_FOUND', lang === 'en' ? 'No such address' : '地址不存在');
}
