import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convexOverlapArea, layoutRegions, parseBoundary, pointInRing, ringArea, voronoiCells, type Point } from './geometry.ts';

const open = (ring: Point[]) => ring.slice(0, -1);
const city = Array.from({ length: 7 }, (_, i) => ({ key: `c${i}`, townships: Array.from({ length: 3 + (i % 4) * 3 }, (_, j) => `c${i}-t${j}`) }));

describe('geometry: the fictional city map', () => {
  const layout = layoutRegions(city, { seed: 7 });
  const area = (r: { boundary: { coordinates: Point[][] } }) => ringArea(open(r.boundary.coordinates[0]));

  it('gives every county and township one closed, counter-clockwise polygon holding its seed', () => {
    assert.equal(layout.counties.length, 7);
    assert.equal(layout.townships.length, city.reduce((s, c) => s + c.townships.length, 0));
    for (const r of [...layout.counties, ...layout.townships]) {
      const ring = r.boundary.coordinates[0];
      assert.ok(ring.length >= 4, r.key);
      assert.deepEqual(ring[0], ring[ring.length - 1], `${r.key} is closed`);
      assert.ok(area(r) > 1e-4, `${r.key} has an area and runs counter-clockwise`);
      assert.ok(pointInRing(r.seed, open(ring)), `${r.key}'s seed lies in it`);
      assert.ok(pointInRing(r.centroid, open(ring)), `${r.key}'s label point lies in it`);
      parseBoundary(r.boundary); // valid GeoJSON by our own check
    }
  });

  it('lets no two counties and no two townships overlap', () => {
    for (const set of [layout.counties, layout.townships]) {
      for (let i = 0; i < set.length; i++) {
        for (let j = i + 1; j < set.length; j++) {
          // Positions are rounded to 1e-5 degrees (about a metre): shared edges may differ by that much.
          const shared = convexOverlapArea(open(set[i].boundary.coordinates[0]), open(set[j].boundary.coordinates[0]));
          assert.ok(shared < 1e-4 * Math.min(area(set[i]), area(set[j])), `${set[i].key} and ${set[j].key} share ${shared}`);
        }
      }
    }
  });

  it('tiles each county exactly with its townships, inside it', () => {
    for (const c of layout.counties) {
      const towns = layout.townships.filter((t) => t.key.startsWith(`${c.key}-`));
      const sum = towns.reduce((s, t) => s + area(t), 0);
      assert.ok(Math.abs(sum - area(c)) / area(c) < 1e-3, `${c.key}: ${sum} vs ${area(c)}`);
      for (const t of towns) {
        const inside = convexOverlapArea(open(t.boundary.coordinates[0]), open(c.boundary.coordinates[0]));
        assert.ok(Math.abs(inside - area(t)) / area(t) < 1e-3, `${t.key} lies inside ${c.key}`);
      }
    }
  });

  it('is the same for the same seed, and different for another', () => {
    assert.deepEqual(layoutRegions(city, { seed: 7 }), layout);
    assert.notDeepEqual(layoutRegions(city, { seed: 8 }).townships[0].boundary, layout.townships[0].boundary);
  });

  it('splits a square between two seeds along their bisector', () => {
    const square: Point[] = [[0, 0], [2, 0], [2, 2], [0, 2]];
    const [a, b] = voronoiCells(square, [[0.5, 1], [1.5, 1]]);
    assert.equal(ringArea(a), 2);
    assert.equal(ringArea(b), 2);
    assert.equal(convexOverlapArea(a, b), 0);
  });
});

describe('geometry: boundaries a city uploads', () => {
  const square = { type: 'Polygon', coordinates: [[[120, 30], [121, 30], [121, 31], [120, 31], [120, 30]]] };

  it('accepts a Polygon, a MultiPolygon and a Feature, with their centroid', () => {
    assert.deepEqual(parseBoundary(square).centroid, [120.5, 30.5]);
    const multi = parseBoundary({ type: 'MultiPolygon', coordinates: [square.coordinates, [[[122, 30], [123, 30], [123, 31], [122, 31], [122, 30]]]] });
    assert.equal(multi.boundary.type, 'MultiPolygon');
    assert.deepEqual(multi.centroid, [121.5, 30.5]);
    assert.equal(parseBoundary({ type: 'Feature', properties: {}, geometry: square }).boundary.type, 'Polygon');
    assert.deepEqual(parseBoundary({ type: 'Polygon', coordinates: [[[120, 30, 5], [121, 30, 5], [121, 31, 5], [120, 30, 5]]] }).boundary.coordinates[0][0], [120, 30]);
  });

  it('refuses what is not a usable boundary, saying why', () => {
    const refusals: Array<[unknown, RegExp]> = [
      [null, /Polygon or MultiPolygon/],
      [{ type: 'Point', coordinates: [120, 30] }, /Polygon or MultiPolygon/],
      [{ type: 'MultiPolygon', coordinates: [] }, /no coordinates/],
      [{ type: 'Polygon', coordinates: [] }, /no ring/],
      [{ type: 'Polygon', coordinates: [[[120, 30], [121, 30], [120, 30]]] }, /at least 4/],
      [{ type: 'Polygon', coordinates: [[[120, 30], [121, 30], [121, 31], [120, 31]]] }, /closed/],
      [{ type: 'Polygon', coordinates: [[[120, 30], [121, 'x'], [121, 31], [120, 30]]] }, /numbers/],
      [{ type: 'Polygon', coordinates: [[[200, 30], [201, 30], [201, 31], [200, 30]]] }, /out of range/],
      [{ type: 'Polygon', coordinates: [[[120, 30], [121, 30], [122, 30], [120, 30]]] }, /area is zero/],
    ];
    for (const [input, message] of refusals) {
      assert.throws(() => parseBoundary(input), (err: { code?: string; detail_en?: string; details?: { detail_en?: string } }) => {
        assert.equal(err.code, 'INVALID_INPUT');
        assert.match(JSON.stringify(err), message);
        return true;
      }, JSON.stringify(input));
    }
  });
});
