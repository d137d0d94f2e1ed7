import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDemoCity } from '../../src/demo/seed.ts';
import { convexOverlapArea, pointInRing, type Point } from '../../src/domain/geometry.ts';
import { drawFictionalBoundaries } from '../../src/modules/stats/stats.geo.ts';
import { freshDatabase } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/http.ts';

interface Collection { type: string; features: Array<{ type: string; id: number; properties: { unitId: number; name: string; parentId: number }; geometry: { type: string; coordinates: unknown } }> }

/** The map's boundaries over HTTP: the generated fictional city, scoping to the caller's subtree, and an administrator's upload. */
describe('GET /api/stats/regions/geo and PUT /api/units/:id/boundary', () => {
  let t: TestApp;
  const square = { type: 'Polygon', coordinates: [[[121, 31], [121.2, 31], [121.2, 31.2], [121, 31.2], [121, 31]]] };
  const put = async (username: string, unitId: number, body: unknown) => t.app.inject({
    method: 'PUT', url: `/api/units/${unitId}/boundary`, payload: body as object, headers: { cookie: await t.cookieOf(username) },
  });
  const geo = async (username: string, query: string) => {
    const res = await t.call(username, 'GET', `/api/stats/regions/geo?${query}`);
    return { status: res.statusCode, body: res.json() as Collection };
  };

  before(async () => {
    t = await startTestApp();
    assert.equal((await geo('lead', 'level=county')).body.features.length, 0, 'no boundaries yet: an empty map');
    // 2 counties + 3 townships (villages and departments get none).
    assert.equal(await drawFictionalBoundaries(t.tdb.db, { seed: 1 }), 5);
    assert.equal(await drawFictionalBoundaries(t.tdb.db, { seed: 2 }), 0, 'never redrawn over existing boundaries');
  });
  after(async () => { await t.close(); });

  it('gives citywide staff every county, and a county’s townships by parent', async () => {
    const { units } = t.org;
    const counties = await geo('lead', 'level=county');
    assert.equal(counties.status, 200);
    assert.equal(counties.body.type, 'FeatureCollection');
    assert.deepEqual(counties.body.features.map((f) => [f.properties.unitId, f.properties.name]), [[units.ca, '甲县'], [units.cb, '乙区']]);
    assert.equal(counties.body.features[0].type, 'Feature');
    assert.equal(counties.body.features[0].geometry.type, 'Polygon');
    const towns = await geo('disp', `level=township&parent=${units.ca}`);
    assert.deepEqual(towns.body.features.map((f) => f.properties.name), ['甲一镇', '甲二镇']);
    assert.ok(towns.body.features.every((f) => f.properties.parentId === units.ca));
    assert.equal((await geo('lead', 'level=township')).body.features.length, 3);
  });

  it('shows a county user only its own county, and refuses another county as parent', async () => {
    const { units } = t.org;
    assert.deepEqual((await geo('ca.h', 'level=county')).body.features.map((f) => f.properties.unitId), [units.ca]);
    assert.deepEqual((await geo('ca.h', 'level=township')).body.features.map((f) => f.properties.name), ['甲一镇', '甲二镇']);
    assert.deepEqual((await geo('ca.t1.h', `level=township&parent=${units.ca}`)).body.features.map((f) => f.properties.unitId), [units['ca.t1']], 'a township sees itself only');
    const other = await t.call('ca.h', 'GET', `/api/stats/regions/geo?level=township&parent=${units.cb}`);
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.code, 'FORBIDDEN');
    assert.equal((await t.call('ca.h', 'GET', '/api/stats/regions/geo?level=village')).statusCode, 400);
    assert.equal((await t.call(null, 'GET', '/api/stats/regions/geo')).statusCode, 401);
  });

  it('lets an administrator load a real boundary, checked first', async () => {
    const { units } = t.org;
    const res = await put('admin', units.cb, { type: 'Feature', properties: {}, geometry: square });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { unitId: units.cb, type: 'Polygon', centroid: [121.1, 31.1] });
    const cb = (await geo('lead', 'level=county')).body.features.find((f) => f.properties.unitId === units.cb)!;
    assert.deepEqual(cb.geometry, square);
    const history = await t.tdb.db.selectFrom('unitHistory').select('action').where('unitId', '=', units.cb).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(history.action, 'setBoundary');
  });

  it('refuses a bad boundary with a clear message and changes nothing', async () => {
    const { units } = t.org;
    const before = await t.tdb.db.selectFrom('units').select(['boundary', 'updatedAt']).where('id', '=', units.ca).executeTakeFirstOrThrow();
    const open = await put('admin', units.ca, { type: 'Polygon', coordinates: [[[121, 31], [121.2, 31], [121.2, 31.2], [121, 31.2]]] });
    assert.equal(open.statusCode, 400);
    assert.equal(open.json().error.code, 'INVALID_INPUT');
    assert.match(open.json().error.message, /边界不是有效的 GeoJSON.*首尾闭合/);
    const en = await t.app.inject({ method: 'PUT', url: `/api/units/${units.ca}/boundary`, payload: { type: 'Point', coordinates: [1, 2] }, headers: { cookie: await t.cookieOf('admin'), 'accept-language': 'en' } });
    assert.equal(en.statusCode, 400);
    assert.match(en.json().error.message, /Polygon or MultiPolygon/);
    assert.equal((await put('admin', units['dept.zjj'], square)).statusCode, 400, 'a department has no boundary');
    assert.equal((await put('ca.head', units.ca, square)).statusCode, 403, 'only administrators');
    assert.equal((await put('admin', 999999, square)).statusCode, 404);
    const after = await t.tdb.db.selectFrom('units').select(['boundary', 'updatedAt']).where('id', '=', units.ca).executeTakeFirstOrThrow();
    assert.deepEqual(after, before);
  });
});

describe('the demo city gets its map from the demo seed', () => {
  it('gives every county and township a boundary, villages none, townships inside their county', async () => {
    const tdb = await freshDatabase();
    try {
      await seedDemoCity(tdb.db, { prefix: 'AL', cases: 5, now: new Date('2026-11-20T04:00:00Z') });
      const regions = await tdb.db.selectFrom('units').select(['id', 'parentId', 'level', 'boundary', 'centroid']).where('kind', '=', 'region').execute();
      const ring = (b: unknown) => (b as { coordinates: Point[][] }).coordinates[0].slice(0, -1);
      const counties = regions.filter((r) => r.level === 2);
      const townships = regions.filter((r) => r.level === 3);
      assert.equal(counties.length, 13);
      assert.ok(townships.length > 50);
      assert.ok([...counties, ...townships].every((r) => r.boundary && r.centroid), 'every county and township is on the map');
      assert.ok(regions.filter((r) => r.level === 1 || r.level === 4).every((r) => r.boundary === null), 'the city and villages are not');
      for (const t of townships) {
        const county = counties.find((c) => c.id === t.parentId)!;
        assert.ok(pointInRing(t.centroid as Point, ring(county.boundary)), `township ${t.id} lies in its county`);
      }
      for (let i = 0; i < counties.length; i++) {
        for (let j = i + 1; j < counties.length; j++) {
          assert.ok(convexOverlapArea(ring(counties[i].boundary), ring(counties[j].boundary)) < 1e-6, 'counties do not overlap');
        }
      }
    } finally {
      await tdb.drop();
    }
  });
});
