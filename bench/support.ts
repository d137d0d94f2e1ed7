import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../src/db/database.ts';
import { openEmbedded } from '../src/db/embedded.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadReferenceData } from '../src/db/reference-data.ts';

/**
 * A database of the benchmark's own: on DATABASE_URL's server when set,
 * else on an embedded server in a temporary directory. Dropped at the end.
 */
export async function benchDatabase(name: string): Promise<{ db: Db; url: string; close(): Promise<void> }> {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded = async () => {};
  let tmp: string | undefined;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-'));
    fs.chmodSync(tmp, 0o755);
    const e = await openEmbedded(tmp, 'test');
    adminUrl = e.url('postgres');
    stopEmbedded = e.stop;
  }
  const dbName = `minsheng_bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const db = createDb(u.toString(), 10);
  await migrateToLatest(db);
  await loadReferenceData(db);
  return {
    db,
    url: u.toString(),
    async close() {
      await db.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
      await stopEmbedded();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Milliseconds of `fn`, median and p95 over `runs`. */
export async function timeRuns(runs: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { median: round(at(0.5)), p95: round(at(0.95)), min: round(times[0]), max: round(times[times.length - 1]) };
}

export const round = (x: number) => Math.round(x * 100) / 100;

/** Writes the result under bench/results/ and prints it as the last line. */
export function report(name: string, result: Record<string, unknown>) {
  const full = {
    benchmark: name,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    ...result,
  };
  const dir = path.resolve(import.meta.dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}-latest.json`), JSON.stringify(full, null, 2) + '\n');
  console.log(JSON.stringify(full));
}
