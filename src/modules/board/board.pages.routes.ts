import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { AppDeps } from '../../http/context.ts';
import { smsPhone } from '../notification/recipients.ts';
import { issueCode, verifyCode } from './board.codes.ts';
import { checkBannedWords, checkPostingLimits, submitPostInTransaction } from './board.commands.ts';
import type { BoardConfig } from './board.config.ts';
import { readBoards, readPost, readPostList, type RawListQuery } from './board.read.ts';
import { findBoardByKey, listRegions } from './board.repository.ts';
import { BoardRefused, checkPostFields, type PostFields, type Refusal } from './board.rules.ts';
import { checkImages, readImage, storageNamePattern } from './board.uploads.ts';
import { localizeName } from './i18n/index.ts';
import { checkCsrf, clientIp, pageCtx, readForm, sendPage, type WebDeps } from './board.web.ts';
import { lookupRoutes } from './lookup.routes.ts';
import { findPublicImage } from './public.repository.ts';
import { seoRoutes } from './seo.routes.ts';
import { boardPage, boardsIndexPage, postPage } from './views/board.pages.ts';
import type { PageCtx } from './views/layout.ts';
import { homePage, messagePage, refusedPage } from './views/site.pages.ts';
import { css } from './views/style.ts';
import { submittedPage, writePage } from './views/write.pages.ts';

/**
 * The public site, server-rendered: landing page, boards, lists, posts, the
 * writing form and its code step, images, and (lookup.routes.ts) the case
 * lookup. Registered in its own scope: the form parsers and the HTML error
 * page apply here only, never to the JSON API.
 */

const formFields = ['type', 'domain', 'region', 'title', 'content', 'name', 'phone', 'code', 'remark'] as const;
const valuesOf = (fields: Record<string, string>): PostFields =>
  Object.fromEntries(formFields.map((k) => [k, fields[k] ?? ''])) as unknown as PostFields;
const hide = { schema: { hide: true } } as const;
const maskPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(7)}`;

export async function boardPageRoutes(app: FastifyInstance, deps: AppDeps, config: BoardConfig) {
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(formbody);
    if (!scope.hasContentTypeParser('multipart/form-data')) await scope.register(multipart);
    const web: WebDeps = { db: deps.db, publicUrl: config.publicUrl };
    scope.setErrorHandler(async (error: FastifyError, request, reply) => htmlError(web, error, request, reply));

    scope.get('/assets/site.:hash', { config: { public: true }, ...hide }, async (_request, reply) =>
      reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff').send(css));

    scope.get('/', { config: { public: true }, ...hide }, async (request, reply) =>
      sendPage(reply, 200, homePage(await pageCtx(web, request, reply)), 'public'));

    scope.get('/board', { config: { public: true }, ...hide }, async (request, reply) => {
      const ctx = await pageCtx(web, request, reply);
      const boards = await readBoards(deps.db, ctx.lang);
      const list = await readPostList(deps.db, ctx.lang, request.query as RawListQuery, config.policy.pageSize, boards);
      return sendPage(reply, 200, boardsIndexPage(ctx, boards, list), 'public');
    });

    scope.get<{ Params: { boardKey: string } }>('/board/:boardKey', { config: { public: true }, ...hide }, async (request, reply) => {
      const ctx = await pageCtx(web, request, reply);
      const boards = await readBoards(deps.db, ctx.lang);
      const board = boards.find((b) => b.key === request.params.boardKey);
      if (!board) throw new DomainError('NOT_FOUND');
      const list = await readPostList(deps.db, ctx.lang, request.query as RawListQuery, config.policy.pageSize, boards, board.key);
      return sendPage(reply, 200, boardPage(ctx, board, list), 'public');
    });

    scope.get<{ Params: { id: string } }>('/board/posts/:id', { config: { public: true }, ...hide }, async (request, reply) => {
      const ctx = await pageCtx(web, request, reply);
      const id = Number(request.params.id);
      const post = Number.isInteger(id) && id > 0 && id < 2 ** 31 ? await readPost(deps.db, ctx.lang, id) : undefined;
      if (!post) throw new DomainError('NOT_FOUND');
      return sendPage(reply, 200, postPage(ctx, post), 'public');
    });

    scope.get<{ Params: { name: string } }>('/board/images/:name', { config: { public: true }, ...hide }, async (request, reply) => {
      const name = request.params.name;
      const image = storageNamePattern.test(name) ? await findPublicImage(deps.db, name) : undefined;
      const data = image && (await readImage(deps.config.dataDir, image.storageName));
      if (!image || !data) throw new DomainError('NOT_FOUND');
      return sendImage(reply, image.mimeType, image.storageName, data, 'public, max-age=300');
    });

    /** The writing form of one board. */
    const boardFor = async (ctx: PageCtx, key: string) => {
      const boards = await readBoards(deps.db, ctx.lang);
      const board = boards.find((b) => b.key === key);
      const row = board && (await findBoardByKey(deps.db, key));
      if (!board || !row?.active) throw new DomainError('NOT_FOUND');
      return { board, row };
    };
    const renderForm = async (ctx: PageCtx, reply: FastifyReply, key: string, status: number, values: Partial<PostFields>, refusals: Refusal[], codeSentTo?: string) => {
      const { board } = await boardFor(ctx, key);
      const regions = (await listRegions(deps.db)).map((r) => ({ key: r.key, name: localizeName(r.name, ctx.lang) }));
      return sendPage(reply, status, writePage(ctx, { board, regions, values, refusals, codeSentTo }), 'private');
    };

    scope.get<{ Params: { boardKey: string } }>('/board/:boardKey/write', { config: { public: true }, ...hide }, async (request, reply) => {
      const ctx = await pageCtx(web, request, reply, { withForm: true });
      return renderForm(ctx, reply, request.params.boardKey, 200, {}, []);
    });

    scope.post<{ Params: { boardKey: string } }>('/board/:boardKey/code', { config: { public: true }, ...hide }, async (request, reply) => {
      const ctx = await pageCtx(web, request, reply, { withForm: true });
      const { fields } = await readForm(request);
      checkCsrf(request, fields._csrf, config.publicUrl);
      await boardFor(ctx, request.params.boardKey);
      const values = valuesOf(fields);
      const phone = smsPhone(values.phone);
      if (!phone) return renderForm(ctx, reply, request.params.boardKey, 422, values, [{ code: 'badPhone', field: 'phone' }]);
      try {
        await deps.db.transaction().execute((trx) => issueCode(trx, { phone, ip: clientIp(request), now: new Date(), policy: config.policy }));
      } catch (err) {
        if (err instanceof BoardRefused) return renderForm(ctx, reply, request.params.boardKey, 429, values, err.refusals);
        throw err;
      }
      return renderForm(ctx, reply, request.params.boardKey, 200, { ...values, phone, code: '' }, [], maskPhone(phone));
    });

    scope.post<{ Params: { boardKey: string } }>('/board/:boardKey/write', { config: { public: true }, ...hide }, async (request, reply) => {
      const ctx = await pageCtx(web, request, reply, { withForm: true });
      const { fields, uploads, tooManyFiles } = await readForm(request);
      checkCsrf(request, fields._csrf, config.publicUrl);
      const key = request.params.boardKey;
      const { board, row } = await boardFor(ctx, key);
      const values = valuesOf(fields);
      const checked = checkPostFields(values);
      const images = await checkImages(uploads);
      const refusals = [...(checked.ok ? [] : checked.refusals), ...images.refusals, ...(tooManyFiles ? [{ code: 'tooManyImages' as const }] : [])];
      if (!checked.ok || refusals.length) return renderForm(ctx, reply, key, 422, values, refusals);
      const post = checked.post;
      const now = new Date();
      const ip = clientIp(request);
      try {
        await checkBannedWords(deps.db, [post.title, post.content]);
        await checkPostingLimits(deps.db, { phone: post.phone, ip, now, policy: config.policy });
        const codeId = await verifyCode(deps.db, { phone: post.phone, code: post.code, now, policy: config.policy });
        const result = await submitPostInTransaction(deps.db, {
          board: row, post, images: images.images, ip, codeId, now, casePrefix: deps.config.caseNumberPrefix,
          dataDir: deps.config.dataDir, policy: config.policy,
        });
        return sendPage(reply, 200, submittedPage(ctx, board, result), 'private');
      } catch (err) {
        if (err instanceof BoardRefused) return renderForm(ctx, reply, key, err.status, values, err.refusals);
        throw err;
      }
    });

    await lookupRoutes(scope, deps, web, config);
    await seoRoutes(scope, deps, web);
  });
}

export function sendImage(reply: FastifyReply, mimeType: string, name: string, data: Buffer, cache: string) {
  return reply.header('content-type', mimeType)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-disposition', `inline; filename="${name}"`)
    .header('cache-control', cache)
    .send(data);
}

/** Errors on the public pages are pages too, in the reader's language. */
async function htmlError(web: WebDeps, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const ctx = await pageCtx(web, request, reply).catch(() => undefined);
  if (!ctx) return reply.status(500).type('text/plain; charset=utf-8').send('500');
  const path = request.url.split('?')[0];
  if (error instanceof BoardRefused) return sendPage(reply, error.status, refusedPage(ctx, error.refusals, path), 'private');
  if (error instanceof DomainError && (error.code === 'NOT_FOUND' || error.code === 'CASE_NOT_FOUND')) {
    return sendPage(reply, 404, messagePage(ctx, { title: ctx.t.errors.notFoundTitle, messages: [ctx.t.errors.notFound], path }), 'private');
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) request.log.error({ err: error }, 'unhandled error on a public page');
  const message = status === 500 ? ctx.t.errors.error : status === 413 ? ctx.t.errors.tooLarge : ctx.t.errors.badRequest;
  return sendPage(reply, status, messagePage(ctx, { title: ctx.t.errors.errorTitle, messages: [message], path }), 'private');
}
