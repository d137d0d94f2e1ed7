import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/database.ts';
import { cityName } from './board.repository.ts';
import { BoardRefused } from './board.rules.ts';
import type { Upload } from './board.uploads.ts';
import { postLimits } from './board.vocabulary.ts';
import { localizeName, pickLang } from './i18n/index.ts';
import { makePageCtx, type PageCtx } from './views/layout.ts';

/**
 * What the server-rendered pages share: the page context (language, city,
 * base address, form token), the response headers, CSRF protection and
 * reading a form (URL-encoded or multipart).
 */

export const CSRF_COOKIE = 'ms_csrf';
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * The double-submit token: a random value in an HttpOnly cookie, repeated in
 * every form as `_csrf`. A cross-site page can neither read the cookie nor
 * guess the value.
 */
function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && tokenPattern.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(CSRF_COOKIE, token, {
    httpOnly: true, sameSite: 'lax', path: '/', secure: process.env.MINSHENG_SECURE_COOKIES === '1',
  });
  request.cookies[CSRF_COOKIE] = token;
  return token;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Refuses a form post that is not from this site: the `Origin` header (sent
 * by every current browser on POST), when present, must be this host (or the
 * host of `MINSHENG_PUBLIC_URL`, behind a proxy); and the form's `_csrf` must
 * equal the cookie.
 * @throws BoardRefused csrf (403).
 */
export function checkCsrf(request: FastifyRequest, formToken: unknown, publicUrl?: string) {
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    let host: string | undefined;
    try { host = new URL(origin).host; } catch { host = undefined; }
    const allowed = [request.host, ...(publicUrl ? [new URL(publicUrl).host] : [])];
    if (!host || !allowed.includes(host)) throw csrfRefusal();
  }
  const cookie = request.cookies[CSRF_COOKIE];
  if (!cookie || typeof formToken !== 'string' || !timingSafeEqual(digest(cookie), digest(formToken))) throw csrfRefusal();
}

const csrfRefusal = () => new BoardRefused([{ code: 'csrf' }], 403);

export interface WebDeps {
  db: Queryable;
  publicUrl: string | undefined;
}

/** The context of a page; `withForm` makes sure the form token cookie exists. */
export async function pageCtx(deps: WebDeps, request: FastifyRequest, reply: FastifyReply, opts: { withForm?: boolean } = {}): Promise<PageCtx> {
  const { lang, explicit } = pickLang((request.query as Record<string, unknown> | undefined)?.lang, request.headers['accept-language']);
  const city = localizeName(await cityName(deps.db), lang);
  const csrf = opts.withForm ? csrfToken(request, reply) : '';
  return makePageCtx({ lang, explicit, city, csrf, baseUrl: deps.publicUrl ?? `${request.protocol}://${request.host}` });
}

/** Security and caching headers of an HTML page: no script may run, nothing is framed. */
export function sendPage(reply: FastifyReply, status: number, body: string, cache: 'public' | 'private') {
  return reply.status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('vary', 'Accept-Language')
    .header('cache-control', cache === 'public' ? 'public, max-age=60' : 'no-store')
    .send(body);
}

export interface FormData {
  fields: Record<string, string>;
  uploads: Upload[];
  tooManyFiles: boolean;
}

/** A form's fields (first value of each) and files, whether URL-encoded or multipart. */
export async function readForm(request: FastifyRequest): Promise<FormData> {
  const fields: Record<string, string> = {};
  const uploads: Upload[] = [];
  if (!request.isMultipart()) {
    for (const [k, v] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (typeof first === 'string') fields[k] = first;
    }
    return { fields, uploads, tooManyFiles: false };
  }
  let tooManyFiles = false;
  try {
    // throwFileSizeLimit: false keeps reading after an oversized file (marked `truncated`), so every problem is reported.
    const options = { throwFileSizeLimit: false, limits: { fileSize: postLimits.imageBytes, files: postLimits.images + 3, fields: 40, fieldSize: 32 * 1024, parts: 60 } };
    const parts = request.parts(options as Parameters<typeof request.parts>[0]);
    for await (const part of parts) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (!part.filename && data.length === 0) continue; // an empty file input
        uploads.push({ filename: part.filename, data, truncated: part.file.truncated });
      } else if (!(part.fieldname in fields)) {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code !== 'FST_FILES_LIMIT') throw err;
    tooManyFiles = true;
  }
  return { fields, uploads, tooManyFiles };
}

/** The client's address as Fastify sees it (set `trustProxy` behind a proxy; docs/board.md). */
export const clientIp = (request: FastifyRequest) => request.ip || 'unknown';
