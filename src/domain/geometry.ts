import { invalidInput } from './errors.ts';
import { seededRandom } from './random.ts';

/**
 * Boundaries of places (counties, townships) for the dashboard's map: GeoJSON
 * checks for boundaries a city uploads, and a generator of plausible,
 * non-overlapping shapes for a fictional city that has none (the demo city,
 * the test city). Pure: no I/O.
 */

export type Point = [number, number];
export interface PolygonGeometry { type: 'Polygon'; coordinates: Point[][] }
export interface MultiPolygonGeometry { type: 'MultiPolygon'; coordinates: Point[][][] }
export type Boundary = PolygonGeometry | MultiPolygonGeometry;

/** The most positions one boundary may have (a detailed county outline has a few thousand). */
export const maxBoundaryPositions = 50_000;

/** Signed area of a ring (shoelace; positive when counter-clockwise). The ring may be open or closed. */
export function ringArea(ring: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

/** Area centroid of a ring (its vertex mean when the area is zero). */
export function ringCentroid(ring: readonly Point[]): Point {
  const a = ringArea(ring);
  if (Math.abs(a) < 1e-12) return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    const f = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

/** Whether `p` lies inside the ring (ray casting; points on the edge may go either way). */
export function pointInRing(p: Point, ring: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Clips a convex polygon (open ring) to the half plane `(p - origin) · normal <= limit`. */
function clipToHalfPlane(poly: Point[], normal: Point, limit: number): Point[] {
  const side = (p: Point) => p[0] * normal[0] + p[1] * normal[1] - limit;
  const out: Point[] = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    const sa = side(a);
    const sb = side(b);
    if (sa <= 0) out.push(a);
    if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0)) {
      const t = sa / (sa - sb);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

/** Voronoi cells of `seeds` inside a convex polygon (open ring, counter-clockwise): cell i holds the points nearest seed i. */
export function voronoiCells(outline: Point[], seeds: readonly Point[]): Point[][] {
  return seeds.map((s, i) => {
    let cell = outline;
    seeds.forEach((o, j) => {
      if (j === i || cell.length === 0) return;
      // Points nearer s than o: (p · (o − s)) <= (|o|² − |s|²) / 2.
      const normal: Point = [o[0] - s[0], o[1] - s[1]];
      cell = clipToHalfPlane(cell, normal, (o[0] ** 2 + o[1] ** 2 - s[0] ** 2 - s[1] ** 2) / 2);
    });
    return cell;
  });
}

/** Area shared by two convex polygons (open rings, counter-clockwise). */
export function convexOverlapArea(a: Point[], b: Point[]): number {
  let clipped = a;
  for (let i = 0; i < b.length && clipped.length; i++) {
    const p = b[i];
    const q = b[(i + 1) % b.length];
    // Inside a counter-clockwise polygon = left of each edge: cross(q − p, x − p) >= 0.
    const normal: Point = [q[1] - p[1], p[0] - q[0]];
    clipped = clipToHalfPlane(clipped, normal, normal[0] * p[0] + normal[1] * p[1]);
  }
  return clipped.length < 3 ? 0 : Math.abs(ringArea(clipped));
}


/** `count` well-spread points inside a convex polygon (best-candidate sampling). */
function spreadPoints(poly: Point[], count: number, rnd: () => number, fixed: Point[] = []): Point[] {
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const inside = () => {
    for (;;) {
      const p: Point = [x0 + rnd() * (x1 - x0), y0 + rnd() * (y1 - y0)];
      if (pointInRing(p, poly)) return p;
    }
  };
  // Distance to the outline counts too, so cells near the edge are not slivers.
  const edgeDistance = (p: Point) => Math.min(...poly.map((a, i) => {
    const b = poly[(i + 1) % poly.length];
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
    return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy) * 2;
  }));
  const out: Point[] = [];
  for (let n = 0; n < count; n++) {
    let best = inside();
    let bestScore = -1;
    for (let k = 0; k < 24; k++) {
      const c = k === 0 ? best : inside();
      const score = Math.min(edgeDistance(c), ...[...fixed, ...out].map((o) => Math.hypot(o[0] - c[0], o[1] - c[1])));
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    out.push(best);
  }
  return out;
}

export interface RegionLayout {
  key: string;
  /** The point the cell was grown from: always inside `boundary`. */
  seed: Point;
  boundary: PolygonGeometry;
  centroid: Point;
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;
const closed = (ring: Point[]): Point[] => [...ring.map((p): Point => [round(p[0]), round(p[1])]), [round(ring[0][0]), round(ring[0][1])]];

/**
 * Plausible shapes for a fictional city: an oval city outline around
 * `center` (lon/lat), split into county cells (Voronoi cells of county seed
 * points: the first county in the middle, the others around it), each split
 * again into township cells. Cells do not overlap, townships exactly tile
 * their county, and every seed lies in its own cell. Deterministic for a seed.
 */
export function layoutRegions(
  counties: ReadonlyArray<{ key: string; townships: readonly string[] }>,
  opts: { seed?: number; center?: Point; radius?: number } = {},
): { counties: RegionLayout[]; townships: RegionLayout[] } {
  const rnd = seededRandom(opts.seed ?? 12345); // the same city always gets the same map
  const [cx, cy] = opts.center ?? [120.5, 30.2];
  const r = opts.radius ?? 0.5;
  const outline: Point[] = Array.from({ length: 36 }, (_, i) => {
    const a = (2 * Math.PI * i) / 36;
    return [cx + 1.25 * r * Math.cos(a), cy + 0.9 * r * Math.sin(a)];
  });
  // The first county (the urban district) in the middle, the others spread around it, relaxed twice (Lloyd) into even, irregular cells.
  const centre: Point = [cx + (rnd() - 0.5) * 0.1 * r, cy + (rnd() - 0.5) * 0.1 * r];
  let countySeeds: Point[] = counties.length ? [centre, ...spreadPoints(outline, counties.length - 1, rnd, [centre])] : [];
  for (let k = 0; k < 2; k++) countySeeds = voronoiCells(outline, countySeeds).map((cell, i) => (i === 0 ? countySeeds[0] : ringCentroid(cell)));
  const countyCells = voronoiCells(outline, countySeeds);
  const outCounties: RegionLayout[] = [];
  const outTownships: RegionLayout[] = [];
  counties.forEach((county, i) => {
    const cell = countyCells[i];
    outCounties.push({ key: county.key, seed: countySeeds[i], boundary: { type: 'Polygon', coordinates: [closed(cell)] }, centroid: ringCentroid(cell).map(round) as Point });
    const seeds = spreadPoints(cell, county.townships.length, rnd);
    voronoiCells(cell, seeds).forEach((t, j) => {
      outTownships.push({ key: county.townships[j], seed: seeds[j], boundary: { type: 'Polygon', coordinates: [closed(t)] }, centroid: ringCentroid(t).map(round) as Point });
    });
  });
  return { counties: outCounties, townships: outTownships };
}

const isPosition = (p: unknown): p is number[] =>
  Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((v) => typeof v === 'number' && Number.isFinite(v));

/**
 * Checks a boundary a city uploads: a GeoJSON Polygon or MultiPolygon (or a
 * Feature holding one), lon/lat positions, closed rings of at least four
 * positions, a non-empty area. Returns it with two-dimensional positions and
 * its centroid (of the outer rings, weighted by area).
 * @throws INVALID_INPUT saying what is wrong.
 */
export function parseBoundary(input: unknown): { boundary: Boundary; centroid: Point } {
  const bad = (zh: string, en: string) => invalidInput(`边界不是有效的 GeoJSON：${zh}`, `the boundary is not valid GeoJSON: ${en}`);
  let g = input as { type?: unknown; coordinates?: unknown; geometry?: unknown } | null;
  if (g && typeof g === 'object' && g.type === 'Feature') g = g.geometry as typeof g;
  if (!g || typeof g !== 'object' || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) throw bad('类型须为 Polygon 或 MultiPolygon', 'type must be Polygon or MultiPolygon');
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
  if (!Array.isArray(polygons) || polygons.length === 0) throw bad('没有坐标', 'no coordinates');
  let positions = 0;
  const clean: Point[][][] = polygons.map((rings: unknown) => {
    if (!Array.isArray(rings) || rings.length === 0) throw bad('多边形没有环', 'a polygon has no ring');
    return rings.map((ring: unknown) => {
      if (!Array.isArray(ring) || ring.length < 4) throw bad('每个环至少 4 个坐标', 'every ring needs at least 4 positions');
      positions += ring.length;
      if (positions > maxBoundaryPositions) throw bad(`坐标超过 ${maxBoundaryPositions} 个`, `more than ${maxBoundaryPositions} positions`);
      const pts = ring.map((p: unknown): Point => {
        if (!isPosition(p)) throw bad('坐标须为 [经度, 纬度] 数值', 'positions must be [longitude, latitude] numbers');
        if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) throw bad('经纬度超出范围', 'longitude or latitude out of range');
        return [p[0], p[1]];
      });
      const [first, last] = [pts[0], pts[pts.length - 1]];
      if (first[0] !== last[0] || first[1] !== last[1]) throw bad('环须首尾闭合', 'every ring must be closed (last position = first)');
      return pts;
    });
  });
  const outers = clean.map((rings) => rings[0].slice(0, -1));
  const areas = outers.map((o) => Math.abs(ringArea(o)));
  const total = areas.reduce((s, a) => s + a, 0);
  if (!(total > 0)) throw bad('面积为零', 'the area is zero');
  const cs = outers.map(ringCentroid);
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const centroid: Point = [r6(cs.reduce((s, c, i) => s + c[0] * areas[i], 0) / total), r6(cs.reduce((s, c, i) => s + c[1] * areas[i], 0) / total)];
  const boundary: Boundary = g.type === 'Polygon' ? { type: 'Polygon', coordinates: clean[0] } : { type: 'MultiPolygon', coordinates: clean };
  return { boundary, centroid };
}
