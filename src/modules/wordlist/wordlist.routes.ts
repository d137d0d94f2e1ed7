import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { clearReviewFlag, listFlaggedCases } from './wordlist.flagged.ts';
import * as repo from './wordlist.repository.ts';
import { checkListedWord } from './wordlist.rules.ts';

const tags = ['intake words'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const ListName = Type.Union([Type.Literal('urgent'), Type.Literal('sensitive')]);
const Level = Type.Union([Type.Literal('urgent'), Type.Literal('critical')]);
const admin = { permission: 'config.write' } as const;

const Word = Type.Object({
  id: Type.Integer(), list: ListName, word: Type.String(), normalized: Type.String(),
  level: Type.Union([Level, Type.Null()]), createdAt: Type.String({ format: 'date-time' }),
});
const WordBody = Type.Object({
  list: ListName,
  word: Type.String({ minLength: 1, maxLength: 50 }),
  level: Type.Optional(Type.Union([Level, Type.Null()])),
}, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

const present = (w: repo.WordRow) => ({ ...w, createdAt: w.createdAt.toISOString() });

/**
 * The sensitive and urgent word lists checked at intake (administrators),
 * and the cases they flagged for review (staff, within what they may see).
 */
export async function wordlistRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/intake-words', {
    config: admin,
    schema: {
      tags, summary: 'The urgent (raise urgency) and sensitive (flag for review) words, matched after traditional → simplified, width and punctuation folding',
      querystring: Type.Object({ list: Type.Optional(ListName) }), response: { 200: Type.Object({ items: Type.Array(Word) }), ...errors },
    },
  }, async (request) => ({ items: (await repo.listWords(deps.db, request.query.list)).map(present) }));

  r.post('/api/intake-words', {
    config: admin,
    schema: { tags, summary: 'Add a word (urgent words need a level: urgent or critical)', body: WordBody, response: { 201: Word, ...errors } },
  }, async (request, reply) => {
    const word = checkListedWord(request.body);
    const row = await deps.db.transaction().execute((trx) => repo.insertWord(trx, word, requireActor(request).userId));
    return reply.status(201).send(present(row));
  });

  r.put('/api/intake-words/:id', {
    config: admin,
    schema: { tags, summary: 'Change a word', params: IdParams, body: WordBody, response: { 200: Word, ...errors } },
  }, async (request) => {
    const word = checkListedWord(request.body);
    return present(await deps.db.transaction().execute((trx) => repo.updateWord(trx, request.params.id, word)));
  });

  r.delete('/api/intake-words/:id', {
    config: admin,
    schema: { tags, summary: 'Remove a word', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await repo.deleteWord(deps.db, request.params.id);
    return reply.status(204).send(null);
  });

  r.get('/api/intake-words/flagged-cases', {
    schema: {
      tags, summary: 'Cases a sensitive word flagged for review, newest first (only cases the user may see)',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
      }),
      response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Type.Object({}, { additionalProperties: true })) }), ...errors },
    },
  }, async (request) => listFlaggedCases(deps.db, requireActor(request), request.query.limit ?? 20, request.query.offset ?? 0));

  r.post('/api/intake-words/flagged-cases/:id/clear', {
    config: { permission: 'case.reviewFlag' },
    schema: {
      tags, summary: 'Clear the review flag after a look (复核); the words found stay on the case',
      params: IdParams, response: { 200: Type.Object({ caseId: Type.Integer(), reviewFlagged: Type.Boolean(), hits: Type.Any() }), ...errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    return deps.db.transaction().execute((trx) => clearReviewFlag(trx, actor, request.params.id, new Date()));
  });
}
