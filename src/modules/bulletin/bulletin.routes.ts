import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { bulletinScope, generateBulletin } from './bulletin.commands.ts';
import { bulletinHtml } from './bulletin.html.ts';
import { listBulletins, requireBulletin, type BulletinSummary } from './bulletin.repository.ts';
import { bulletinXlsx } from './bulletin.xlsx.ts';
import * as S from './bulletin.schemas.ts';
import { toTraditional } from '../board/i18n/zh-Hant.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function present(b: BulletinSummary) {
  return {
    id: b.id, kind: b.kind, period: b.period, unitId: b.unitId, unitName: b.unitName, generatedAt: b.generatedAt.toISOString(),
    generatedBy: b.generatedBy, accepted: b.accepted, closureRate: b.closureRate, satisfactionRate: b.satisfactionRate,
    htmlUrl: `/api/bulletins/${b.id}.html`, xlsxUrl: `/api/bulletins/${b.id}.xlsx`,
  };
}

/** The file name of a bulletin: 通报-2026-10-测试市.xlsx, RFC 5987-encoded. */
function disposition(b: BulletinSummary, ext: string) {
  const name = `通报-${b.period}-${b.unitName}.${ext}`;
  return `attachment; filename="bulletin-${b.period}-${b.unitId}.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Bulletins (定期通报, docs/bulletins.md): make one on demand, list them,
 * and read one as a printable HTML page or an XLSX workbook. Citywide staff
 * see every bulletin; everyone else those of their own unit's subtree.
 */
export async function bulletinRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['bulletins'];

  r.post('/api/bulletins', {
    config: { permission: 'bulletin.generate' },
    schema: {
      tags, summary: '生成通报 Make and store the monthly or quarterly bulletin of a unit subtree (once; an existing one is returned unchanged)',
      body: S.GenerateBody, response: { 200: S.Generated, 201: S.Generated, ...errors },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const unitId = request.body.unitId ?? (actor.citywide ? (await rootUnitId(deps)) : actor.unitId);
    const r = await generateBulletin(deps.db, deps.db, actor, { period: request.body.period, unitId }, new Date());
    const b = await requireBulletin(deps.db, bulletinScope(actor), r.id);
    return reply.status(r.created ? 201 : 200).send({ ...present(b), created: r.created });
  });

  r.get('/api/bulletins', {
    schema: { tags, summary: 'Bulletins the caller may see, newest period first', querystring: S.ListQuery, response: { 200: S.List, ...errors } },
  }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    const { items, hasMore } = await listBulletins(deps.db, bulletinScope(actor), { kind: q.kind, unitId: q.unitId, limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { items: items.map(present), hasMore };
  });

  // Untyped replies on purpose: the bodies are a page and a file.
  app.get('/api/bulletins/:id.html', {
    schema: {
      tags, summary: 'A bulletin as a printable page (A4, charts as inline SVG, no scripts); ?lang=en for English, ?lang=zh-Hant for traditional Chinese',
      params: S.IdParams, querystring: S.PageQuery, produces: ['text/html'], response: { ...errors },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { id } = request.params as { id: number };
    const { lang } = request.query as { lang?: 'zh' | 'zh-Hant' | 'en' };
    const b = await requireBulletin(deps.db, bulletinScope(actor), id);
    const page = lang === 'zh-Hant'
      ? toTraditional(bulletinHtml(b.data, 'zh')).replace('<html lang="zh-Hans">', '<html lang="zh-Hant">')
      : bulletinHtml(b.data, lang ?? 'zh');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
      .header('cache-control', 'private, max-age=300')
      .send(page);
  });

  app.get('/api/bulletins/:id.xlsx', {
    schema: {
      tags, summary: 'A bulletin as an XLSX workbook (the stored one; ?lang=en renders English headers from the same snapshot)',
      params: S.IdParams, querystring: S.RenderQuery, produces: [XLSX], response: { ...errors },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { id } = request.params as { id: number };
    const lang = (request.query as { lang?: 'zh' | 'en' }).lang ?? 'zh';
    const b = await requireBulletin(deps.db, bulletinScope(actor), id, { xlsx: lang === 'zh' });
    const body = lang === 'zh' ? b.xlsx! : await bulletinXlsx(b.data, lang);
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', disposition(b, 'xlsx'))
      .header('cache-control', 'private, max-age=300')
      .send(body);
  });
}

async function rootUnitId(deps: AppDeps): Promise<number> {
  const root = await deps.db.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow();
  return root.id;
}
