import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import { runExclusive, type Job } from '../../jobs/runner.ts';

/**
 * The deadline sweeper: fires every due rung of the escalation ladder
 * (deadline_alarms) — an automatic urging notice (催办) at expiry, then
 * supervision (督办) to the unit's parent and a supervisor, then listed
 * supervision (挂牌督办) by a leader.
 *
 * Set-based SQL in one transaction under an advisory lock: exactly one
 * process sweeps, a second run finds nothing left to fire (idempotent),
 * and after downtime every rung that came due meanwhile fires at once.
 * An alarm fires only while its deadline still stands: the assignment is
 * live in the right stage (pending for signing, signed for replying), not
 * paused, and the due instant is still the assignment's current one.
 */
export interface SweepResult {
  fired: number;
  byLevel: Record<string, number>;
}

export const SWEEP_JOB = 'deadline-sweep';

export async function sweepDeadlines(trx: Trx, now: Date): Promise<SweepResult> {
  await sql`
    CREATE TEMP TABLE fired_alarms (
      id bigint, case_id integer, assignment_id integer, stage text, level text, due_at timestamptz,
      unit_id integer, state text, number text
    ) ON COMMIT DROP
  `.execute(trx);
  await sql`
    WITH due AS (
      SELECT al.id
        FROM deadline_alarms al
        JOIN case_assignments a ON a.id = al.assignment_id
       WHERE al.fired_at IS NULL
         AND al.fire_at <= ${now}
         AND a.paused_at IS NULL
         AND ((al.stage = 'sign' AND a.status = 'pending' AND a.sign_due_at = al.due_at)
           OR (al.stage = 'reply' AND a.status = 'signed' AND a.reply_due_at = al.due_at))
       FOR UPDATE OF al SKIP LOCKED
    ), fired AS (
      UPDATE deadline_alarms al SET fired_at = ${now}
        FROM due, case_assignments a, cases c
       WHERE al.id = due.id AND a.id = al.assignment_id AND c.id = al.case_id
      RETURNING al.id, al.case_id, al.assignment_id, al.stage, al.level, al.due_at,
                a.unit_id, c.state, c.number
    )
    INSERT INTO fired_alarms SELECT * FROM fired
  `.execute(trx);

  // One history entry and one outbox event per fired rung; the case row counts and marks.
  await sql`
    INSERT INTO case_history (case_id, at, actor_user_id, actor_unit_id, action, from_state, to_state, note, data)
    SELECT case_id, ${now}, NULL, NULL,
           CASE level WHEN 'urge' THEN 'autoUrge' WHEN 'supervise' THEN 'autoSupervise' ELSE 'autoListed' END,
           state, state, NULL,
           jsonb_build_object('assignmentId', assignment_id, 'unitId', unit_id, 'stage', stage, 'level', level, 'dueAt', due_at)
      FROM fired_alarms ORDER BY id
  `.execute(trx);
  await sql`
    INSERT INTO outbox (event_type, case_id, payload)
    SELECT CASE level WHEN 'urge' THEN 'deadline.urged' ELSE 'deadline.escalated' END, case_id,
           jsonb_build_object('caseId', case_id, 'number', number, 'assignmentId', assignment_id,
                              'unitId', unit_id, 'stage', stage, 'level', level, 'dueAt', due_at)
      FROM fired_alarms ORDER BY id
  `.execute(trx);
  await sql`
    UPDATE cases c SET
      urge_count = c.urge_count + f.urges,
      supervised = c.supervised OR f.supervise,
      listed     = c.listed OR f.listed,
      version    = c.version + 1,
      updated_at = now()
    FROM (
      SELECT case_id,
             count(*) FILTER (WHERE level = 'urge')::int AS urges,
             bool_or(level IN ('supervise', 'listed'))   AS supervise,
             bool_or(level = 'listed')                    AS listed
        FROM fired_alarms GROUP BY case_id
    ) f
    WHERE c.id = f.case_id
  `.execute(trx);
  const { rows } = await sql<{ level: string; n: number }>`SELECT level, count(*)::int AS n FROM fired_alarms GROUP BY level`.execute(trx);
  const byLevel = Object.fromEntries(rows.map((r) => [r.level, r.n]));
  return { fired: rows.reduce((s, r) => s + r.n, 0), byLevel };
}

/** One sweep, or `skipped` when another process is sweeping right now. */
export async function runSweep(db: Db, now = new Date()) {
  return runExclusive(db, SWEEP_JOB, (trx) => sweepDeadlines(trx, now));
}

export const sweepJob: Job = {
  name: SWEEP_JOB,
  everyMs: 60_000,
  exclusive: true,
  run: (_deps, trx) => sweepDeadlines(trx!, new Date()),
};
