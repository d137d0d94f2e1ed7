import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';

/**
 * Counts for bulletins (定期通报): per unit and period, how many of its
 * cases went overdue, were urged, supervised, extended, suspended and
 * returned. Every figure is recomputed from the case history (the
 * append-only record), dated by the history entry in Asia/Shanghai, and
 * attributed to the unit the entry concerns:
 * - overdue: the sweeper's automatic urging at expiry (autoUrge) of that unit's deadline;
 * - urged: automatic and manual urging (urge: the case's lead unit);
 * - supervised: automatic escalation and manual supervision (the lead unit);
 * - extended: approved extensions of that unit's deadline;
 * - suspended: approved suspensions (the lead unit);
 * - returned: returns (退单) by that unit.
 */
export interface UnitCounts {
  unitId: number;
  unitName: string;
  overdue: number;
  urged: number;
  supervised: number;
  extended: number;
  suspended: number;
  returned: number;
}

export async function deadlineCounts(db: Queryable, opts: { from: string; to: string; unitPath?: string }): Promise<UnitCounts[]> {
  const { rows } = await sql<UnitCounts>`
    WITH h AS (
      SELECT h.action, h.data, h.actor_unit_id, c.lead_unit_id, a.unit_id AS assignment_unit
        FROM case_history h
        JOIN cases c ON c.id = h.case_id
        LEFT JOIN case_assignments a ON a.id = (h.data->>'assignmentId')::int
       WHERE (h.at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${opts.from}::date AND ${opts.to}::date
         AND h.action IN ('autoUrge', 'autoSupervise', 'autoListed', 'urge', 'supervise', 'approveExtension', 'approveSuspension', 'return')
    ), events AS (
      SELECT COALESCE((data->>'unitId')::int, assignment_unit) AS unit_id, 'overdue' AS kind FROM h WHERE action = 'autoUrge'
      UNION ALL SELECT COALESCE((data->>'unitId')::int, assignment_unit), 'urged' FROM h WHERE action = 'autoUrge'
      UNION ALL SELECT lead_unit_id, 'urged' FROM h WHERE action = 'urge'
      UNION ALL SELECT COALESCE((data->>'unitId')::int, assignment_unit), 'supervised' FROM h WHERE action = 'autoSupervise'
      UNION ALL SELECT lead_unit_id, 'supervised' FROM h WHERE action = 'supervise'
      UNION ALL SELECT assignment_unit, 'extended' FROM h WHERE action = 'approveExtension'
      UNION ALL SELECT lead_unit_id, 'suspended' FROM h WHERE action = 'approveSuspension'
      UNION ALL SELECT actor_unit_id, 'returned' FROM h WHERE action = 'return'
    )
    SELECT u.id AS "unitId", u.name AS "unitName",
           count(*) FILTER (WHERE e.kind = 'overdue')::int    AS overdue,
           count(*) FILTER (WHERE e.kind = 'urged')::int      AS urged,
           count(*) FILTER (WHERE e.kind = 'supervised')::int AS supervised,
           count(*) FILTER (WHERE e.kind = 'extended')::int   AS extended,
           count(*) FILTER (WHERE e.kind = 'suspended')::int  AS suspended,
           count(*) FILTER (WHERE e.kind = 'returned')::int   AS returned
      FROM events e JOIN units u ON u.id = e.unit_id
     WHERE ${opts.unitPath ?? '/'} = '/' OR u.path LIKE ${`${opts.unitPath ?? '/'}%`}
     GROUP BY u.id, u.name, u.path
     ORDER BY u.path
  `.execute(db);
  return rows;
}
