import { parseArgs } from 'node:util';
import type { Db } from '../../db/database.ts';
import { writeOpenDataCsv } from './opendata.csv.ts';
import { openDataPeriod } from './opendata.rows.ts';

/**
 * `minsheng open-data export --from D --to D [--out FILE]`: the open-data CSV
 * (docs/open-data.md) to standard output or a file; no length limit.
 */
export async function openDataCommand(sub: string | undefined, args: string[], withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>) {
  if (sub !== 'export') throw new Error('usage: minsheng open-data export --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]');
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } });
  const period = openDataPeriod(values);
  const { createWriteStream } = await import('node:fs');
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  const count = await withDb((db) => db.transaction().setIsolationLevel('repeatable read').execute((trx) => writeOpenDataCsv(trx, period, out)));
  if (values.out) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((err?: Error | null) => (err ? reject(err) : resolve())));
  console.error(`open-data export: ${count} cases, ${period.from} – ${period.to}`);
}
