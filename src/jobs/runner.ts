import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import type { AppDeps } from '../http/context.ts';

/**
 * Periodic jobs inside each app process. Nothing lives in process memory:
 * a job that must run once city-wide takes a PostgreSQL advisory lock for
 * its run (`exclusive`), so with many processes exactly one does the work
 * and the others skip; jobs that share work (like the outbox) claim rows
 * with FOR UPDATE SKIP LOCKED instead.
 */
export interface Job {
  name: string;
  everyMs: number;
  /** Run inside one transaction holding the job's advisory lock; skipped when another process holds it. */
  exclusive: boolean;
  run(deps: AppDeps, trx?: Trx): Promise<unknown>;
}

/** A stable 64-bit-safe lock key per job name. */
export function lockKeyOf(name: string): number {
  let h = 0;
  for (const ch of `minsheng:${name}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/**
 * Runs `fn` in a transaction holding the advisory lock for `name`, or
 * returns `{ skipped: true }` at once when another process holds it.
 */
export async function runExclusive<T>(db: Db, name: string, fn: (trx: Trx) => Promise<T>): Promise<{ skipped: true } | { skipped: false; result: T }> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${lockKeyOf(name)}) AS locked`.execute(trx);
    if (!rows[0].locked) return { skipped: true as const };
    return { skipped: false as const, result: await fn(trx) };
  });
}

export function startJobs(deps: AppDeps, jobs: Job[], log: (msg: string, err?: unknown) => void): { stop(): Promise<void> } {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const tick = async () => {
      if (stopped || busy) return; // a slow run is not overlapped by the next tick
      busy = true;
      try {
        if (job.exclusive) await runExclusive(deps.db, job.name, (trx) => job.run(deps, trx));
        else await job.run(deps);
      } catch (err) {
        log(`job ${job.name} failed`, err);
      } finally {
        busy = false;
      }
    };
    return setInterval(() => {
      const p = tick();
      running.add(p);
      void p.finally(() => running.delete(p));
    }, job.everyMs);
  });
  return {
    async stop() {
      stopped = true;
      timers.forEach(clearInterval);
      await Promise.allSettled([...running]);
    },
  };
}
