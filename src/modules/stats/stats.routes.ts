import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Queryable } from '../../db/database.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import { counters, daysIn, derivedFigures, kpis, shanghaiDate, type Bucket, type Period } from '../../domain/kpi.ts';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps, SessionActor } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { requireUnit } from '../org/org.repository.ts';
import { dashboard } from './stats.dashboard.ts';
import { drill, type LiveFigure } from './stats.drill.ts';
import { league, type LeagueLevel } from './stats.league.ts';
import { statsGeoRoutes } from './stats.geo.ts';
import type { Filters } from './stats.reader.ts';
import * as S from './stats.schemas.ts';
import type { Figure } from '../../domain/kpi.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
/** The longest period one request may ask for. */
const MAX_DAYS = 3 * 366;

interface SliceParams {
  from?: string;
  to?: string;
  unitId?: number;
  regionId?: number;
  channel?: string;
  type?: string;
  categoryId?: number;
}

/**
 * The period and filters of a request, scoped to what the actor may see:
 * citywide staff any unit subtree, everyone else their own unit's subtree.
 * Default period: this year (Asia/Shanghai) up to today.
 * @throws INVALID_INPUT for a reversed or too long period; FORBIDDEN for a unit outside the actor's subtree; UNIT_NOT_FOUND, CATEGORY_NOT_FOUND.
 */
async function slice(db: Queryable, actor: SessionActor, q: SliceParams, now: Date) {
  const today = shanghaiDate(now);
  const period: Period = { from: q.from ?? `${today.slice(0, 4)}-01-01`, to: q.to ?? today };
  if (period.from > period.to) throw invalidInput('开始日期不能晚于结束日期', 'from must not be after to');
  if (daysIn(period) > MAX_DAYS) throw invalidInput('统计区间最长三年', 'a period is at most three years');
  const own = actor.citywide ? '/' : actor.unitPath;
  let unitPath = own;
  if (q.unitId) {
    const unit = await requireUnit(db, q.unitId);
    if (!unit.path.startsWith(own)) throw new DomainError('FORBIDDEN');
    unitPath = unit.path;
  }
  let regionPath: string | null = null;
  if (q.regionId) {
    const region = await requireUnit(db, q.regionId);
    if (region.kind !== 'region') throw invalidInput(`单位 ${q.regionId} 不是行政区域`, `unit ${q.regionId} is not a region`);
    regionPath = region.path;
  }
  if (q.categoryId) {
    const cat = await db.selectFrom('categories').select('id').where('id', '=', q.categoryId).executeTakeFirst();
    if (!cat) throw new DomainError('CATEGORY_NOT_FOUND', { detail: String(q.categoryId) });
  }
  const filters: Filters = { unitPath, regionPath, categoryId: q.categoryId ?? null, channel: q.channel ?? null, type: q.type ?? null };
  const shown = { unitId: q.unitId ?? (actor.citywide ? null : actor.unitId), regionId: q.regionId ?? null, channel: q.channel ?? null, type: q.type ?? null, categoryId: q.categoryId ?? null };
  return { period, filters, shown };
}

/**
 * Statistics for leaders and units (docs/statistics.md): the dashboard, the
 * league tables, drill-down to the cases behind any figure, and the KPI
 * definitions. Every staff member may read them for their own subtree.
 */
export async function statsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['statistics'];

  r.get('/api/stats/dashboard', {
    schema: {
      tags, summary: '领导驾驶舱 Dashboard: volumes, trend, top and rising categories, regions, KPI tiles, overdue and supervised counts',
      querystring: S.DashboardQuery, response: { 200: S.DashboardResponse, ...errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const now = new Date();
    const q = request.query;
    const { period, filters, shown } = await slice(deps.db, actor, q, now);
    const d = await dashboard(deps.db, {
      period, filters, now, calls: actor.citywide,
      bucket: (q.bucket as Bucket | undefined) ?? (daysIn(period) > 92 ? 'month' : daysIn(period) > 31 ? 'week' : 'day'),
      categoryLevel: (q.categoryLevel ?? 2) as 1 | 2 | 3,
      top: q.top ?? 10,
    });
    return { ...d, filters: shown };
  });

  r.get('/api/stats/league', {
    schema: {
      tags, summary: '排名与红黑榜 League table of units by composite KPI score, with red (top) and black (bottom) lists',
      querystring: S.LeagueQuery, response: { 200: S.LeagueResponse, ...errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const q = request.query;
    const { period, filters } = await slice(deps.db, actor, q, new Date());
    return league(deps.db, {
      period, level: (q.level as LeagueLevel | undefined) ?? 'county', scopePath: filters.unitPath ?? '/',
      filters: { categoryId: filters.categoryId, channel: filters.channel, type: filters.type },
      top: q.top ?? 5, minVolume: q.minVolume ?? 1,
    });
  });

  r.get('/api/stats/drill', {
    schema: {
      tags, summary: '穿透 The cases behind a figure (same filters as the dashboard), newest first, paged',
      querystring: S.DrillQuery, response: { 200: S.DrillResponse, ...errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const now = new Date();
    const q = request.query;
    const { period, filters, shown } = await slice(deps.db, actor, q, now);
    const d = await drill(deps.db, { figure: q.metric as Figure | LiveFigure, period, filters, limit: q.limit ?? 50, offset: q.offset ?? 0, now });
    return { ...d, filters: shown, cases: d.cases.map((c) => ({ ...c, receivedAt: c.receivedAt.toISOString() })) };
  });

  r.get('/api/stats/definitions', {
    schema: { tags, summary: 'What every counter and KPI counts (numerator, denominator, period, unit)', response: { 200: S.DefinitionsResponse, ...errors } },
  }, async () => ({
    counters: counters.map((c) => ({ ...c })),
    kpis: kpis.map((k) => ({ ...k })),
    derived: Object.fromEntries(Object.entries(derivedFigures).map(([k, e]) => [k, { plus: [...e.plus], minus: 'minus' in e ? [...e.minus] : undefined }])),
  }));

  // The map's boundaries (and their upload by administrators): src/modules/stats/stats.geo.ts.
  await statsGeoRoutes(app, deps);
}
