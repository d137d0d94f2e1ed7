import { parseArgs } from 'node:util';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db/database.ts';
import { generateAppeals } from '../src/demo/appeals.ts';
import { demoCity, indexCity, type UnitSpec } from '../src/demo/city.ts';
import { buildApp } from '../src/http/app.ts';
import { createUnit } from '../src/modules/org/org.commands.ts';
import { createUser } from '../src/modules/user/user.commands.ts';
import { hashPassword } from '../src/modules/user/password.ts';
import type { LoadJob, LoadSummary } from './intake-load.ts';
import { benchDatabase, report, round } from './support.ts';

/**
 * Intake through HTTP, 7x24 (issue 4, item 6): the real app (buildApp) on a
 * loopback port against a database of its own, with a small city (the demo
 * city's counties and townships) and a logged-in operator. autocannon, in a
 * child process, POSTs varied realistic appeals (the demo generator's texts,
 * phones that repeat like real callers, categories and regions) to
 * /api/cases for `--duration` seconds after a warm-up. The baseline, in the
 * same run and on the same database and pool size: a bare Fastify route
 * doing one INSERT of the same bodies into a scratch table.
 *
 * Also counts the round trips to PostgreSQL of one intake request (auth,
 * transaction, duplicate check, response included; configuration already
 * loaded) and of one bare request. Under load the app takes concurrent
 * intakes in together (group commit, src/modules/case/intake.batcher.ts);
 * the counts after the run show every case got its history, outbox event,
 * search document and text signature.
 */
export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      connections: { type: 'string', default: '20' },
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
      pool: { type: 'string', default: '20' },
      bodies: { type: 'string', default: '4000' },
      register: { type: 'string', default: '0.3', description: 'share of appeals registered at intake (operators typing calls in)' },
      'compare-unbatched': { type: 'boolean', default: false, description: 'also measure intake without group commit (MINSHENG_INTAKE_BATCH=1), same run' },
      texts: { type: 'string', description: 'dev: real texts from ../shared/data (the default when present); generator: the demo generator\'s templated texts (a city-wide mass complaint: every text alike many others)' },
      profile: { type: 'string', description: 'write a V8 CPU profile of this process during the measured intake run to this file' },
    },
  });
  const connections = Number(values.connections);
  const durationSeconds = Number(values.duration);
  const poolSize = Number(values.pool);
  const bench = await benchDatabase('intake');
  const appDb = createDb(bench.url, poolSize);
  const bareDb = createDb(bench.url, poolSize);
  let app: FastifyInstance | undefined;
  let bare: FastifyInstance | undefined;
  let unbatched: FastifyInstance | undefined;
  try {
    const regionIds = await buildBenchCity(bench.db);
    const texts = (values.texts ?? 'dev') === 'dev' ? devTexts() : [];
    const textSource = texts.length > 0 ? `development data (${texts.length} real texts)` : 'demo generator (templated texts)';
    log(`texts: ${textSource}`);
    const bodies = await appealBodies(bench.db, regionIds, texts.length > 0 ? Math.max(texts.length, Number(values.bodies)) : Number(values.bodies), Number(values.register), texts);
    await sql`CREATE TABLE bench_scratch (id bigserial PRIMARY KEY, channel text, title text NOT NULL, content text NOT NULL, citizen_phone text, created_at timestamptz NOT NULL DEFAULT now())`.execute(bench.db);

    app = await buildApp({ db: appDb, config: { ...loadConfig({}), caseNumberPrefix: 'BM' } });
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(`${appUrl}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.op', password: benchPassword }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status} ${await login.text()}`);

    bare = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
    bare.post('/bare', async (request, reply) => {
      const b = request.body as { channel: string; title: string; content: string; citizenPhone?: string | null };
      await sql`INSERT INTO bench_scratch (channel, title, content, citizen_phone) VALUES (${b.channel}, ${b.title}, ${b.content}, ${b.citizenPhone ?? null})`.execute(bareDb);
      return reply.status(201).send({ ok: true });
    });
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
    // The same app without group commit: a transaction per request (MINSHENG_INTAKE_BATCH=1).
    let unbatchedUrl: string | undefined;
    if (values['compare-unbatched']) {
      unbatched = await buildApp({ db: appDb, config: { ...loadConfig({ MINSHENG_INTAKE_BATCH: '1' }), caseNumberPrefix: 'BU' } });
      unbatchedUrl = await unbatched.listen({ host: '127.0.0.1', port: 0 });
    }

    const plain = bodies.find((b) => !JSON.parse(b).register)!;
    const registered = bodies.find((b) => JSON.parse(b).register) ?? plain;
    await post(appUrl, '/api/cases', plain, cookie); // the first use loads the configuration (eight more statements, once)
    const roundTrips = {
      intake: await countRoundTrips(() => post(appUrl, '/api/cases', plain, cookie)),
      intake_registered: await countRoundTrips(() => post(appUrl, '/api/cases', registered, cookie)),
      bare: await countRoundTrips(() => post(bareUrl, '/bare', plain, {})),
    };

    const pg = await postgresProcesses(bench.db);
    const load = (url: string, path: string, headers: Record<string, string>, seconds: number) =>
      runLoad({ url, path, headers, bodies, connections, durationSeconds: seconds });
    /** A measured run with the CPU it cost: this process (the app or the bare server) and PostgreSQL. */
    const measured = async (url: string, path: string, headers: Record<string, string>) => {
      const node0 = process.cpuUsage();
      const pg0 = pg.cpuMs();
      const result = await load(url, path, headers, durationSeconds);
      const node = process.cpuUsage(node0);
      const pgMs = pg.cpuMs() - pg0;
      return {
        result,
        cpuPerRequest: {
          server_ms: round((node.user + node.system) / 1000 / Math.max(1, result.total)),
          postgres_ms: pg.available ? round(pgMs / Math.max(1, result.total)) : null,
        },
      };
    };
    log(`warm-up ${values.warmup} s each, then ${durationSeconds} s each at ${connections} connections…`);
    await load(appUrl, '/api/cases', { cookie }, Number(values.warmup));
    await load(bareUrl, '/bare', {}, Number(values.warmup));
    const loadBefore = os.loadavg()[0];
    const profiler = values.profile ? await startProfile() : undefined;
    const { result: intake, cpuPerRequest: intakeCpu } = await measured(appUrl, '/api/cases', { cookie });
    if (profiler) fs.writeFileSync(values.profile!, JSON.stringify(await profiler.stop()));
    log(`intake: ${round(intake.rps)}/s, p99 ${intake.p99} ms, non-2xx ${intake.non2xx}, cpu/request ${JSON.stringify(intakeCpu)}`);
    const { result: bareRun, cpuPerRequest: bareCpu } = await measured(bareUrl, '/bare', {});
    log(`bare:   ${round(bareRun.rps)}/s, p99 ${bareRun.p99} ms, cpu/request ${JSON.stringify(bareCpu)}`);
    let single: Awaited<ReturnType<typeof measured>> | undefined;
    if (unbatchedUrl) {
      await load(unbatchedUrl, '/api/cases', { cookie }, Number(values.warmup));
      single = await measured(unbatchedUrl, '/api/cases', { cookie });
      log(`intake without group commit: ${round(single.result.rps)}/s, p99 ${single.result.p99} ms, cpu/request ${JSON.stringify(single.cpuPerRequest)}`);
    }
    const { rows: [counts] } = await sql<{ cases: number; history: number; outbox: number; search: number; signed: number }>`
      SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM case_history) AS history, (SELECT count(*) FROM outbox) AS outbox,
             (SELECT count(*) FROM case_search) AS search, (SELECT count(*) FROM cases WHERE dup_bands IS NOT NULL) AS signed`.execute(bench.db);

    // The mass-complaint load (templated texts) keeps a result file of its own.
    report(texts.length > 0 ? 'intake' : 'intake-generator', {
      connections,
      duration_seconds: durationSeconds,
      pool_size: poolSize,
      distinct_bodies: bodies.length,
      texts: textSource,
      round_trips_per_request: roundTrips,
      intake: { ...summary(intake), cpu_per_request: intakeCpu },
      bare: { ...summary(bareRun), cpu_per_request: bareCpu },
      ...(single ? { intake_without_group_commit: { ...summary(single.result), cpu_per_request: single.cpuPerRequest } } : {}),
      machine_load_1min_before: round(loadBefore),
      machine_load_1min_after: round(os.loadavg()[0]),
      cases_written: counts.cases,
      history_rows: counts.history,
      outbox_rows: counts.outbox,
      search_documents: counts.search,
      cases_with_text_signature: counts.signed,
      intake_rps: round(intake.rps),
      intake_p99_ms: intake.p99,
      bare_rps: round(bareRun.rps),
      bare_p99_ms: bareRun.p99,
      ratio: round(intake.rps / Math.max(bareRun.rps, 1)),
    });
  } finally {
    await app?.close();
    await bare?.close();
    await unbatched?.close();
    await appDb.destroy();
    await bareDb.destroy();
    await bench.close();
  }
}

const benchPassword = 'bench-password-1';
const log = (m: string) => console.error(`# ${m}`);

/** The city, its centre, the demo city's counties and townships (villages fold into their township), one operator. */
export async function buildBenchCity(db: Db): Promise<Map<string, number>> {
  const city = demoCity();
  const ids = new Map<string, number>();
  const root = await createUnit(db, null, { key: city.key, name: city.name, kind: 'region', parentId: null });
  ids.set(city.key, root.id);
  const centre = await createUnit(db, null, { key: 'centre', name: '12345热线中心', kind: 'centre', parentId: root.id });
  const visit = async (u: UnitSpec, parentId: number) => {
    for (const child of u.children ?? []) {
      if (child.kind !== 'region' || child.level > 3) continue;
      const made = await createUnit(db, null, { key: child.key, name: child.name, kind: 'region', parentId });
      ids.set(child.key, made.id);
      await visit(child, made.id);
    }
  };
  await visit(city, root.id);
  await createUser(db, { username: 'bench.op', displayName: '基准接线员', unitId: centre.id, roles: ['operator'], passwordHash: await hashPassword(benchPassword) });
  return ids;
}

/** The development data beside the repository (../shared/data, never committed): real appeal texts, when present. */
export const devDataDir = path.resolve(import.meta.dirname, '../../shared/data');

/**
 * Real titles and texts from the development data (all three files, each
 * text once): their likeness to each other is a real city's, unlike the
 * demo generator's templates. Empty when the files are not there.
 */
export function devTexts(): Array<{ title: string; content: string }> {
  const files: Array<[string, string, string]> = [
    ['appeals-labeled.dev.csv', 'title', 'detail'], ['appeals-with-votes.csv', '留言主题', '留言详情'], ['appeals-with-replies.csv', '留言主题', '留言详情'],
  ];
  const seen = new Set<string>();
  const out: Array<{ title: string; content: string }> = [];
  for (const [file, titleColumn, contentColumn] of files) {
    const full = path.join(devDataDir, file);
    if (!fs.existsSync(full)) continue;
    const rows: Array<Record<string, string>> = parseCsv(fs.readFileSync(full), { columns: true, relax_quotes: true, skip_empty_lines: true });
    for (const r of rows) {
      const title = (r[titleColumn] ?? '').trim().slice(0, 100);
      const content = (r[contentColumn] ?? '').trim().slice(0, 2000);
      if (title.length < 5 || content.length < 10 || seen.has(title + content)) continue;
      seen.add(title + content);
      out.push({ title, content });
    }
  }
  return out;
}

/**
 * JSON bodies of POST /api/cases from the demo generator, with this city's
 * region and category ids; with `texts`, the generator's titles and texts
 * are replaced by these (in order, each once while they last).
 */
export async function appealBodies(db: Db, regionIds: Map<string, number>, count: number, registerShare: number, texts?: ReadonlyArray<{ title: string; content: string }>): Promise<string[]> {
  const index = indexCity(demoCity());
  const categories = new Map((await db.selectFrom('categories').select(['id', 'fullName']).execute()).map((c) => [c.fullName, c.id]));
  const drafts = generateAppeals(20261127, count, new Date());
  if (texts && texts.length > 0) drafts.forEach((d, i) => Object.assign(d, texts[i % texts.length]));
  return drafts.map((d, i) => {
    const info = index.get(d.regionKey);
    const regionUnitId = regionIds.get(d.regionKey) ?? regionIds.get(info?.townshipKey ?? '') ?? regionIds.get(info?.countyKey ?? '') ?? null;
    return JSON.stringify({
      channel: d.channel, type: d.type, urgency: d.urgency, title: d.title.slice(0, 100), content: d.content.slice(0, 5000),
      citizenName: d.citizenName, citizenPhone: d.citizenPhone, confidential: d.confidential, subject: d.subject ?? null,
      regionUnitId, address: d.address, leaderKey: d.leaderKey ?? null, categoryId: categories.get(d.category.join('/')) ?? null,
      register: (i * 7919 % 1000) / 1000 < registerShare,
    });
  });
}

async function post(base: string, path: string, body: string, headers: Record<string, string> | string) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', ...(typeof headers === 'string' ? { cookie: headers } : headers) },
  });
  if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
}

/** Statements sent to PostgreSQL while `fn` runs (BEGIN and COMMIT included), by wrapping pg's client. */
async function countRoundTrips(fn: () => Promise<unknown>): Promise<number> {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function (this: unknown, ...a: unknown[]) {
    n++;
    return original.apply(this, a);
  };
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  return n;
}

/**
 * The CPU time of the PostgreSQL server holding `db` (postmaster and its
 * children, from /proc: Linux and a server on this machine only).
 */
async function postgresProcesses(db: Db): Promise<{ available: boolean; cpuMs(): number }> {
  const none = { available: false, cpuMs: () => 0 };
  try {
    const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'`.execute(db);
    const stat = (pid: number | string) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').slice(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').lastIndexOf(')') + 2).split(' ');
    const postmaster = Number(stat(rows[0].pid)[1]);
    const tick = 1000 / 100; // USER_HZ
    return {
      available: true,
      cpuMs() {
        let total = 0;
        for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
          try {
            const f = stat(pid);
            // The postmaster's own time and that of the backends it has reaped; live backends' own time.
            if (Number(pid) === postmaster) total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * tick;
            else if (Number(f[1]) === postmaster) total += (Number(f[11]) + Number(f[12])) * tick;
          } catch { /* the process ended meanwhile */ }
        }
        return total;
      },
    };
  } catch {
    return none;
  }
}

/** A V8 CPU profile of this process (the app's event loop) until `stop`. */
async function startProfile() {
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/** Runs autocannon in a child process (its own event loop and core) and returns its summary. */
function runLoad(job: LoadJob): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./intake-load.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let summary: LoadSummary | undefined;
    child.once('message', (m) => { summary = m as LoadSummary; });
    child.once('error', reject);
    child.once('exit', (code) => (summary ? resolve(summary) : reject(new Error(`load generator exited ${code} without a result`))));
    child.send(job);
  });
}

function summary(s: LoadSummary) {
  return {
    rps: round(s.rps), rps_min: s.rpsMin, p50_ms: s.p50, p90_ms: s.p90, p99_ms: s.p99, max_ms: s.max,
    requests: s.total, non2xx: s.non2xx, errors: s.errors, timeouts: s.timeouts, status: s.statusCounts,
  };
}
