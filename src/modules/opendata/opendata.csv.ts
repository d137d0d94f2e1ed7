import type { Writable } from 'node:stream';
import type { Queryable } from '../../db/database.ts';
import type { Period } from '../../domain/kpi.ts';
import { openDataRows } from './opendata.rows.ts';

/** One CSV field (RFC 4180); a leading = + - @ is neutralised so spreadsheets do not run it as a formula. */
export function csvField(v: string): string {
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Resolves when `out` can take more, rejects when it was closed or failed first (a client that went away). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', ok);
      out.off('close', closed);
      out.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const ok = () => done();
    const closed = () => done(new Error('output closed'));
    out.on('drain', ok);
    out.on('close', closed);
    out.on('error', done);
  });
}

/**
 * Writes the open-data CSV of a period to `out` (UTF-8, CRLF, no BOM),
 * a page of rows per write, waiting whenever `out` is full; does not end
 * `out`. Resolves with the number of cases written.
 */
export async function writeOpenDataCsv(db: Queryable, p: Period, out: Writable): Promise<number> {
  let count = -1;
  let chunk: string[] = [];
  const flush = async () => {
    if (!chunk.length) return;
    const ok = out.write(chunk.join(''));
    chunk = [];
    if (!ok) await drained(out);
  };
  for await (const row of openDataRows(db, p)) {
    chunk.push(`${row.map(csvField).join(',')}\r\n`);
    count++;
    if (chunk.length >= 1000) await flush();
  }
  await flush();
  return count;
}
