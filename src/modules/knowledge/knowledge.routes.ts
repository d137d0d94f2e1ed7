import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { shanghaiDate } from '../../domain/calendar.ts';
import { runCommand } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { createKnowledgeEntry, deleteKnowledgeEntry, updateKnowledgeEntry } from './knowledge.commands.ts';
import { presentEntry, searchKnowledge } from './knowledge.presenter.ts';
import * as repo from './knowledge.repository.ts';
import * as S from './knowledge.schemas.ts';
import { warmUpSegmenter } from './knowledge.text.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/**
 * The knowledge base (知识库): every staff member searches and reads it;
 * administrators, operators and dispatchers write it ('knowledge.write').
 */
export async function knowledgeRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['knowledge'];
  const view = async (id: number) => presentEntry(await repo.findEntry(deps.db, id), shanghaiDate(new Date()));
  // A listening server loads the dictionary at start; app.inject() in tests never listens and loads it on first use.
  app.addHook('onListen', async () => warmUpSegmenter());

  r.get('/api/knowledge', {
    schema: {
      tags, summary: '知识库检索 Search the knowledge base (ranked, with marked matches; entries outside their dates hidden unless includeExpired)',
      querystring: S.SearchQuery, response: { 200: S.SearchResponse, ...errors },
    },
  }, async (request) => {
    const q = request.query;
    return searchKnowledge(deps.db, { ...q, limit: q.limit ?? 10, offset: q.offset ?? 0 }, new Date());
  });

  r.get('/api/knowledge/:id', {
    schema: { tags, summary: 'One knowledge entry', params: S.EntryIdParams, response: { 200: S.EntryView, ...errors } },
  }, async (request) => view(request.params.id));

  r.post('/api/knowledge', {
    config: { permission: 'knowledge.write' },
    schema: { tags, summary: '新增知识 Add an entry (admins, operators, dispatchers)', body: S.CreateEntryBody, response: { 201: S.EntryView, ...errors } },
  }, async (request, reply) => {
    const id = await runCommand(deps, request, (ctx) => createKnowledgeEntry(ctx, request.body));
    return reply.status(201).send(await view(id));
  });

  r.patch('/api/knowledge/:id', {
    config: { permission: 'knowledge.write' },
    schema: {
      tags, summary: '修改知识 Change the given fields of an entry (with the version you read); active: false deactivates it',
      params: S.EntryIdParams, body: S.UpdateEntryBody, response: { 200: S.EntryView, ...errors },
    },
  }, async (request) => {
    await runCommand(deps, request, (ctx) => updateKnowledgeEntry(ctx, { ...request.body, id: request.params.id }));
    return view(request.params.id);
  });

  r.delete('/api/knowledge/:id', {
    config: { permission: 'knowledge.write' },
    schema: {
      tags, summary: '删除知识 Delete an entry no case was answered with (else 409: deactivate it instead)',
      params: S.EntryIdParams, response: { 204: Type.Null({ description: 'deleted' }), ...errors },
    },
  }, async (request, reply) => {
    await runCommand(deps, request, (ctx) => deleteKnowledgeEntry(ctx, { id: request.params.id }));
    return reply.status(204).send(null);
  });
}
