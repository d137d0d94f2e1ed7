import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors.ts';
import { requireActor, runCommand } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { findVisibleCase } from '../case/case.repository.ts';
import type { BoardConfig } from './board.config.ts';
import { publishPost, rejectPost } from './board.commands.ts';
import { sendImage } from './board.pages.routes.ts';
import { presentPostForStaff } from './board.presenter.ts';
import { readBoards, readPost, readPostList } from './board.read.ts';
import * as boards from './board.repository.ts';
import * as S from './board.schemas.ts';
import { readImage } from './board.uploads.ts';
import { pickLang } from './i18n/index.ts';

/**
 * The board's JSON: the public twins of the list and detail pages (same
 * fields, no personal data), the moderation queue and the banned-word list.
 */

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const langOf = (request: FastifyRequest) => pickLang((request.query as { lang?: string }).lang, request.headers['accept-language']).lang;

export async function boardApiRoutes(app: FastifyInstance, deps: AppDeps, config: BoardConfig) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const pub = { public: true } as const;

  r.get('/api/public/board/boards', {
    config: pub,
    schema: { tags: ['board (public)'], summary: 'Every active board with its figures', querystring: Type.Object(S.LangQuery), response: { 200: Type.Object({ items: Type.Array(S.PublicBoard) }), ...errors } },
  }, async (request) => ({ items: await readBoards(deps.db, langOf(request)) }));

  r.get('/api/public/board/boards/:boardKey', {
    config: pub,
    schema: { tags: ['board (public)'], summary: 'One board with its figures', params: S.BoardKeyParams, querystring: Type.Object(S.LangQuery), response: { 200: S.PublicBoard, ...errors } },
  }, async (request) => {
    const board = (await readBoards(deps.db, langOf(request))).find((b) => b.key === request.params.boardKey);
    if (!board) throw new DomainError('NOT_FOUND');
    return board;
  });

  const list = async (request: FastifyRequest, query: S.PostListQueryType, boardKey?: string) => {
    const lang = langOf(request);
    const all = await readBoards(deps.db, lang);
    if (boardKey && !all.some((b) => b.key === boardKey)) throw new DomainError('NOT_FOUND');
    const page = await readPostList(deps.db, lang, query, config.policy.pageSize, all, boardKey);
    return { total: page.total, page: page.page, pages: page.pages, items: page.posts };
  };

  r.get('/api/public/board/posts', {
    config: pub,
    schema: { tags: ['board (public)'], summary: 'Published posts, newest first (filters as on /board)', querystring: S.PostListQuery, response: { 200: S.PostListResponse, ...errors } },
  }, async (request) => list(request, request.query));

  r.get('/api/public/board/boards/:boardKey/posts', {
    config: pub,
    schema: { tags: ['board (public)'], summary: 'Published posts of one board (filters as on /board/:boardKey)', params: S.BoardKeyParams, querystring: S.PostListQuery, response: { 200: S.PostListResponse, ...errors } },
  }, async (request) => list(request, request.query, request.params.boardKey));

  r.get('/api/public/board/posts/:id', {
    config: pub,
    schema: { tags: ['board (public)'], summary: 'One published post with its reply and marks', params: S.IdParams, querystring: Type.Object(S.LangQuery), response: { 200: S.PublicPost, ...errors } },
  }, async (request) => {
    const post = await readPost(deps.db, langOf(request), request.params.id);
    if (!post) throw new DomainError('NOT_FOUND');
    return post;
  });

  const moderate = { permission: 'board.moderate' } as const;

  r.get('/api/board/moderation', {
    config: moderate,
    schema: { tags: ['board moderation'], summary: 'The moderation queue (先审后发): pending posts first in, or published / rejected ones', querystring: S.ModerationQuery, response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(S.StaffPost) }), ...errors } },
  }, async (request) => {
    const q = request.query;
    const page = await boards.listPostsForModeration(deps.db, { status: q.status ?? 'pending', limit: q.limit ?? 50, offset: q.offset ?? 0 });
    const images = await boards.imagesOfPosts(deps.db, page.rows.map((p) => p.id));
    return { total: page.total, items: page.rows.map((p) => presentPostForStaff(p, images.filter((i) => i.postId === p.id))) };
  });

  const staffView = async (postId: number) => {
    const row = await boards.findPostForStaff(deps.db, postId);
    return presentPostForStaff(row, await boards.imagesOfPosts(deps.db, [postId]));
  };

  r.post('/api/board/posts/:id/publish', {
    config: moderate,
    schema: { tags: ['board moderation'], summary: 'Publish a post, optionally edited; the text is redacted automatically, the original kept', params: S.IdParams, body: S.PublishBody, response: { 200: S.StaffPost, ...errors } },
  }, async (request) => {
    await runCommand(deps, request, (ctx) => publishPost(ctx, { postId: request.params.id, ...request.body }));
    return staffView(request.params.id);
  });

  r.post('/api/board/posts/:id/reject', {
    config: moderate,
    schema: { tags: ['board moderation'], summary: 'Refuse publication with a reason (the case goes on being handled)', params: S.IdParams, body: S.RejectBody, response: { 200: S.StaffPost, ...errors } },
  }, async (request) => {
    await runCommand(deps, request, (ctx) => rejectPost(ctx, { postId: request.params.id, reason: request.body.reason }));
    return staffView(request.params.id);
  });

  r.get('/api/board/attachments/:id', {
    schema: { tags: ['board moderation'], summary: 'A post’s picture, for staff who may see its case', params: S.IdParams },
  }, async (request, reply) => {
    const image = await boards.findImageForStaff(deps.db, request.params.id);
    if (!image) throw new DomainError('NOT_FOUND');
    await findVisibleCase(deps.db, requireActor(request), image.caseId);
    const data = await readImage(deps.config.dataDir, image.storageName);
    if (!data) throw new DomainError('NOT_FOUND');
    return sendImage(reply, image.mimeType, image.storageName, data, 'private, no-store');
  });

  const wordsAdmin = { permission: 'config.write' } as const;
  const presentWord = (w: { id: number; word: string; createdAt: Date }) => ({ ...w, createdAt: w.createdAt.toISOString() });

  r.get('/api/board/banned-words', {
    config: wordsAdmin,
    schema: { tags: ['board moderation'], summary: 'Words a post may not contain (matched ignoring case, width, spaces and punctuation)', response: { 200: Type.Object({ items: Type.Array(S.BannedWord) }), ...errors } },
  }, async () => ({ items: (await boards.listBannedWords(deps.db)).map(presentWord) }));

  r.post('/api/board/banned-words', {
    config: wordsAdmin,
    schema: { tags: ['board moderation'], summary: 'Add a banned word', body: S.BannedWordBody, response: { 201: S.BannedWord, ...errors } },
  }, async (request, reply) => {
    const word = request.body.word.normalize('NFKC').trim();
    if (!word) throw new DomainError('INVALID_INPUT', { detail: '词语不能为空', detail_en: 'the word is empty' });
    return reply.status(201).send(presentWord(await boards.addBannedWord(deps.db, word, requireActor(request).userId)));
  });

  r.delete('/api/board/banned-words/:id', {
    config: wordsAdmin,
    schema: { tags: ['board moderation'], summary: 'Remove a banned word', params: S.IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await boards.removeBannedWord(deps.db, request.params.id);
    return reply.status(204).send(null);
  });
}
