import { sql, type Kysely } from 'kysely';

/**
 * Frozen: the shape of a place on the dashboard's map.
 *
 * - `units.boundary`: a GeoJSON geometry (Polygon or MultiPolygon, lon/lat
 *   or any plane the city chooses) for region units; null = not on the map.
 * - `units.centroid`: `[x, y]` of the same plane, where the map puts the
 *   unit's label; null when the boundary is null.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE units
      ADD COLUMN boundary jsonb,
      ADD COLUMN centroid jsonb,
      ADD CONSTRAINT units_boundary_geometry CHECK (boundary IS NULL OR boundary->>'type' IN ('Polygon', 'MultiPolygon'))
  `.execute(db);
}
