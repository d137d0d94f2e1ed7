import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Queryable } from '../../db/database.ts';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import { layoutRegions, parseBoundary } from '../../domain/geometry.ts';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps, SessionActor } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { requireUnit } from '../org/org.repository.ts';

/**
 * The map of places (区县 / 乡镇街道) for the dashboard: boundaries kept on
 * the region units (`units.boundary`, GeoJSON), uploaded by an administrator
 * for a real city or drawn by `drawFictionalBoundaries` for a fictional one.
 */
export type GeoLevel = 'county' | 'township';
const depthOf: Record<GeoLevel, number> = { county: 2, township: 3 };

/**
 * The boundaries of one level as a GeoJSON FeatureCollection, limited to the
 * actor's subtree (citywide staff: the city) and to `parentId`'s subtree.
 * Units without a boundary are left out.
 * @throws UNIT_NOT_FOUND for an unknown parent; FORBIDDEN for a parent outside the actor's subtree.
 */
export async function regionsGeo(db: Queryable, actor: SessionActor, q: { level: GeoLevel; parentId?: number }) {
  const own = actor.citywide ? '/' : actor.unitPath;
  let within = own;
  if (q.parentId) {
    const parent = await requireUnit(db, q.parentId);
    if (!parent.path.startsWith(own) && !own.startsWith(parent.path)) throw new DomainError('FORBIDDEN');
    within = parent.path.length > own.length ? parent.path : own;
  }
  const rows = await db.selectFrom('units')
    .select(['id', 'parentId', 'key', 'name', 'boundary', 'centroid'])
    .where('kind', '=', 'region').where('level', '=', depthOf[q.level]).where('active', '=', true)
    .where('path', 'like', `${within}%`).where('boundary', 'is not', null)
    .orderBy('path').execute();
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((u) => ({
      type: 'Feature' as const,
      id: u.id,
      properties: { unitId: u.id, parentId: u.parentId, key: u.key, name: u.name, centroid: (u.centroid as [number, number] | null) ?? null },
      geometry: u.boundary as { type: string; coordinates: unknown },
    })),
  };
}

/**
 * Sets (or, with null, clears) a region unit's boundary; recorded in the unit's history.
 * @throws UNIT_NOT_FOUND; INVALID_INPUT for a unit that is not a region or a boundary that is not valid GeoJSON.
 */
export async function setUnitBoundary(db: Queryable, actorUserId: number, unitId: number, input: unknown) {
  const unit = await requireUnit(db, unitId);
  if (unit.kind !== 'region') throw invalidInput(`单位 ${unitId} 不是行政区域，不能设置边界`, `unit ${unitId} is not a region and has no boundary`);
  const parsed = input === null ? null : parseBoundary(input);
  await db.updateTable('units').set({
    boundary: parsed ? JSON.stringify(parsed.boundary) : null,
    centroid: parsed ? JSON.stringify(parsed.centroid) : null,
    updatedAt: new Date(),
  }).where('id', '=', unitId).execute();
  await db.insertInto('unitHistory').values({
    unitId, actorUserId, action: 'setBoundary',
    before: JSON.stringify({ boundary: unit.boundary ? 'set' : null }),
    after: JSON.stringify({ boundary: parsed ? parsed.boundary.type : null, centroid: parsed?.centroid ?? null }),
  }).execute();
  return { unitId, centroid: parsed?.centroid ?? null, type: parsed?.boundary.type ?? null };
}

/**
 * Draws plausible boundaries for a fictional city (the demo city, test
 * cities): counties and their townships as Voronoi cells, see
 * `layoutRegions` (the first county created, usually the urban district, in
 * the middle). Does nothing when any region already has a boundary, so a
 * real city's uploaded map is never mixed with invented shapes.
 * @returns the number of units given a boundary.
 */
export async function drawFictionalBoundaries(db: Queryable, opts: { seed?: number } = {}): Promise<number> {
  const taken = await db.selectFrom('units').select('id').where('boundary', 'is not', null).limit(1).executeTakeFirst();
  if (taken) return 0;
  const regions = await db.selectFrom('units').select(['id', 'parentId', 'level'])
    .where('kind', '=', 'region').where('level', 'in', [2, 3]).where('active', '=', true).orderBy('id').execute();
  const counties = regions.filter((r) => r.level === 2)
    .map((c) => ({ key: String(c.id), townships: regions.filter((t) => t.level === 3 && t.parentId === c.id).map((t) => String(t.id)) }));
  if (!counties.length) return 0;
  const layout = layoutRegions(counties, { seed: opts.seed });
  const all = [...layout.counties, ...layout.townships];
  for (const r of all) {
    await db.updateTable('units').set({ boundary: JSON.stringify(r.boundary), centroid: JSON.stringify(r.centroid) })
      .where('id', '=', Number(r.key)).execute();
  }
  return all.length;
}

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const Centroid = Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]);
const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Object({
    type: Type.Literal('Feature'),
    id: Type.Integer(),
    properties: Type.Object({ unitId: Type.Integer(), parentId: Type.Union([Type.Integer(), Type.Null()]), key: Type.String(), name: Type.String(), centroid: Centroid }),
    geometry: Type.Object({ type: Type.String(), coordinates: Type.Unknown() }),
  })),
});

/** GET /api/stats/regions/geo (all staff, their subtree) and PUT /api/units/:id/boundary (administrators). */
export async function statsGeoRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/stats/regions/geo', {
    schema: {
      tags: ['statistics'], summary: '地图 Boundaries of counties or townships as GeoJSON (properties: unitId, name), for the dashboard map',
      querystring: Type.Object({ level: Type.Optional(Type.Union([Type.Literal('county'), Type.Literal('township')])), parent: Type.Optional(Id) }),
      response: { 200: FeatureCollection, ...Errors },
    },
  }, async (request) => regionsGeo(deps.db, requireActor(request), { level: request.query.level ?? 'county', parentId: request.query.parent }));

  r.put('/api/units/:id/boundary', {
    config: { permission: 'org.write' },
    schema: {
      tags: ['organisation'], summary: 'Set a region unit’s boundary: the body is a GeoJSON Polygon, MultiPolygon or Feature holding one (lon/lat)',
      params: Type.Object({ id: Id }),
      body: Type.Object({ type: Type.String() }, { additionalProperties: true, description: 'GeoJSON geometry or Feature' }),
      response: { 200: Type.Object({ unitId: Type.Integer(), type: Type.Union([Type.String(), Type.Null()]), centroid: Centroid }), ...Errors },
    },
  }, async (request) => {
    const actor = requireActor(request);
    return deps.db.transaction().execute((trx) => setUnitBoundary(trx, actor.userId, request.params.id, request.body));
  });
}
