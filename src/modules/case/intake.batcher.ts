import type { Db, Trx } from '../../db/database.ts';
import type { Ctx } from '../../http/context.ts';
import { intakeBatchScope, takeInAppeals, type IntakeOutcome, type IntakeRequest } from './case.create.ts';

/**
 * Group commit for intake (7x24): concurrent intakes in one process are
 * taken in together — one transaction, one SELECT for all their repeat
 * candidates, one INSERT … WITH for all their cases, history entries,
 * outbox events and search documents (case.create.ts `takeInAppeals`) —
 * instead of a transaction each. Under load that shares the round trips,
 * the planning and the commit's WAL flush among the batch; when idle an
 * appeal goes at once.
 *
 * Each request runs its own intake function (`run`, e.g. `takeInChecked`
 * with its word lists) in the batch's transaction; its `takeInAppeal` waits
 * until every request of the batch has reached its own, and then all are
 * written by one `takeInAppeals` (intakeBatchScope).
 *
 * - A batch is sent as soon as no batch is being written, or when a full
 *   batch is waiting (up to `maxInFlight` batches at a time): no timer, so
 *   no added delay when the server is quiet.
 * - Every request is answered only after its batch has committed: nothing
 *   acknowledged can be lost. Nothing waits here across processes or
 *   restarts — a request not yet answered was not taken in.
 * - A request refused before anything of it was written (bad input) fails
 *   alone. Anything else — a database error, or a request failing after
 *   its case was written — rolls the batch back, and each of its requests
 *   runs again in a transaction of its own, so a failing one fails alone.
 */

export interface BatcherOptions {
  /** Most requests in one transaction; 1 turns group commit off (a transaction per request, as before). */
  maxBatch: number;
  /** Most batches being written at once (each holds a pool connection). */
  maxInFlight: number;
}

interface Waiting<T> {
  ctxOf: (trx: Trx) => Ctx;
  run: (ctx: Ctx) => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/** A failure that the batch cannot keep to one request: roll back and go one by one. */
class BatchLost extends Error {}

export class IntakeBatcher<T = unknown> {
  private readonly queue: Waiting<T>[] = [];
  private inFlight = 0;
  private readonly options: BatcherOptions;

  /** Defaults: 64 per batch (the server passes `MINSHENG_INTAKE_BATCH` from its config; 1 = off), two batches at a time. */
  constructor(private readonly db: Db, options: Partial<BatcherOptions> = {}) {
    this.options = { maxBatch: 64, maxInFlight: 2, ...options };
  }

  /**
   * Runs `run` with the next batch; resolves after that batch commits.
   * @param ctxOf the request's context in the batch's transaction.
   * @throws what `run` throws for this request alone.
   */
  submit<R extends T>(ctxOf: (trx: Trx) => Ctx, run: (ctx: Ctx) => Promise<R>): Promise<R> {
    if (this.options.maxBatch <= 1) return this.db.transaction().execute((trx) => run(ctxOf(trx)));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ ctxOf, run, resolve: resolve as (value: T) => void, reject });
      this.pump();
    });
  }

  /** Requests waiting and batches being written (for tests and metrics). */
  get state() {
    return { waiting: this.queue.length, inFlight: this.inFlight };
  }

  private pump() {
    const { maxBatch, maxInFlight } = this.options;
    while (this.queue.length > 0 && (this.inFlight === 0 || (this.queue.length >= maxBatch && this.inFlight < maxInFlight))) {
      const batch = this.queue.splice(0, maxBatch);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: Waiting<T>[]) {
    if (batch.length === 1) return this.alone(batch[0]);
    let settled: PromiseSettledResult<T>[];
    try {
      settled = await this.db.transaction().execute((trx) => runTogether(trx, batch));
    } catch {
      // The batch's transaction is lost: each request again on its own, so a failing one fails alone.
      await Promise.all(batch.map((w) => this.alone(w)));
      return;
    }
    settled.forEach((s, i) => (s.status === 'fulfilled' ? batch[i].resolve(s.value) : batch[i].reject(s.reason)));
  }

  private async alone(w: Waiting<T>) {
    try {
      w.resolve(await this.db.transaction().execute((trx) => w.run(w.ctxOf(trx))));
    } catch (error) {
      w.reject(error);
    }
  }
}

/**
 * Runs the requests concurrently in one transaction; their `takeInAppeal`s
 * are collected and written together once every request still running has
 * reached one. @throws BatchLost when the batch cannot be committed as is.
 */
async function runTogether<T>(trx: Trx, batch: Waiting<T>[]): Promise<PromiseSettledResult<T>[]> {
  let running = batch.length;
  let lost: unknown;
  const written = new Set<number>();
  const joined: Array<{ index: number; request: IntakeRequest; answer: (o: IntakeOutcome) => void }> = [];
  const writeJoined = () => {
    if (running > 0 || joined.length === 0) return;
    const taken = joined.splice(0);
    running += taken.length;
    takeInAppeals(trx, taken.map((j) => j.request)).then((outcomes) => {
      outcomes.forEach((o, i) => {
        if (o.ok) written.add(taken[i].index);
        taken[i].answer(o);
      });
    }, (error: unknown) => {
      lost = error;
      for (const j of taken) j.answer({ ok: false, error });
    });
  };
  const settled = await Promise.allSettled(batch.map((w, index) => intakeBatchScope.run({
    trx,
    join: (request) => new Promise<IntakeOutcome>((answer) => {
      joined.push({ index, request, answer });
      running--;
      writeJoined();
    }),
  }, async () => {
    try {
      return await w.run(w.ctxOf(trx));
    } finally {
      running--;
      writeJoined();
    }
  })));
  // A request that failed after its case was written cannot fail alone in a shared transaction.
  if (lost !== undefined || settled.some((s, i) => s.status === 'rejected' && written.has(i))) throw new BatchLost('batch rolled back', { cause: lost });
  return settled;
}
