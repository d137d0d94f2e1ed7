import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Trx } from '../../db/database.ts';
import type { AppDeps } from '../../http/context.ts';
import { languageOf, sendError } from '../../http/errors.ts';
import { lockKeyOf } from '../../jobs/runner.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { writeOpenDataCsv } from './opendata.csv.ts';
import { MAX_PUBLIC_DAYS, openDataPeriod } from './opendata.rows.ts';

/** How many open-data exports may run at once across every app process (each holds one database connection while it streams). */
export const OPEN_DATA_SLOTS = 2;

/** Takes a free export slot for this transaction (an advisory lock released at its end); false when all are busy. */
async function takeSlot(trx: Trx): Promise<boolean> {
  for (let i = 0; i < OPEN_DATA_SLOTS; i++) {
    const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${lockKeyOf(`open-data:${i}`)}) AS ok`.execute(trx);
    if (rows[0].ok) return true;
  }
  return false;
}

const Query = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10, description: 'first day received, YYYY-MM-DD (Asia/Shanghai)' })),
  to: Type.Optional(Type.String({ maxLength: 10, description: 'last day received, YYYY-MM-DD, included; at most 366 days after from' })),
});

/**
 * Open data (docs/open-data.md): the anonymised cases of a period as CSV,
 * public and without login. Streamed from one consistent snapshot; a
 * request asks for at most a year, and at most two exports run at a time
 * city-wide (others get 429 with Retry-After).
 */
export async function openDataRoutes(app: FastifyInstance, deps: AppDeps) {
  // Untyped reply on purpose: the body is a CSV stream.
  app.get('/api/open-data/cases.csv', {
    config: { public: true },
    schema: {
      tags: ['open data'], summary: '开放数据 Anonymised cases received in a period, as CSV (public; no names, phones, addresses or places below township)',
      security: [], querystring: Query, produces: ['text/csv'],
      response: { 200: { description: 'CSV, UTF-8', content: { 'text/csv': { schema: { type: 'string' } } } }, 400: ErrorResponse, 429: ErrorResponse },
    },
  }, async (request, reply) => {
    const period = openDataPeriod(request.query as { from?: string; to?: string }, { maxDays: MAX_PUBLIC_DAYS });
    const body = new PassThrough();
    let started!: (ok: boolean) => void;
    let failed!: (err: unknown) => void;
    const slot = new Promise<boolean>((resolve, reject) => { started = resolve; failed = reject; });
    deps.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
      if (!(await takeSlot(trx))) return started(false);
      started(true);
      await writeOpenDataCsv(trx, period, body);
      body.end();
    }).catch((err: unknown) => {
      failed(err);
      if (!body.destroyed) {
        request.log.error({ err }, 'open-data export failed');
        body.destroy(err as Error);
      }
    });
    if (!(await slot)) {
      const en = languageOf(request) === 'en';
      return sendError(reply.header('retry-after', '30'), 429, 'TOO_MANY_REQUESTS',
        en ? 'Too many exports are running; try again in a minute' : '导出请求过多，请稍后再试');
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="minsheng-cases-${period.from}-${period.to}.csv"`)
      .header('cache-control', 'public, max-age=600')
      .header('access-control-allow-origin', '*')
      .send(body);
  });
}
