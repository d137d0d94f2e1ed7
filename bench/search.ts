import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, type Db } from '../src/db/database.ts';
import { openEmbedded } from '../src/db/embedded.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadReferenceData } from '../src/db/reference-data.ts';
import type { SessionActor } from '../src/http/context.ts';
import { listCases, type CaseListFilter } from '../src/modules/case/case.repository.ts';
import { searchDocument } from '../src/modules/search/search.document.ts';
import { highlightCases, parseSearchQuery } from '../src/modules/search/search.query.ts';
import { generateCity } from './stats-data.ts';
import { report, round, timeRuns } from './support.ts';

/**
 * Full-text search over N cases (default 1,000,000): the city of the
 * statistics benchmark (bench/stats-data.ts: units, states, assignments,
 * history), its titles and contents replaced by generated appeals in
 * Chinese (Zipf-distributed topics, 5 % written in traditional characters),
 * every document built by the same searchDocument() as intake, GIN index
 * built after the load. Then the case list with `q` exactly as
 * GET /api/cases runs it (count, ranked window, page, highlights) for
 * typical queries, and a baseline in the same run: ILIKE '%…%' over title
 * and content, with a time cap.
 *
 * The database is kept (a cluster under the temp directory, or
 * DATABASE_URL's server) and reused by the next run with the same N;
 * `--fresh` rebuilds it, `--drop` removes it after the run.
 */

const PLACES = ['盐湖区', '永济市', '河津市', '临猗县', '万荣县', '闻喜县', '稷山县', '新绛县', '绛县', '垣曲县', '夏县', '平陆县', '芮城县'];
const ESTATES = ['幸福', '阳光', '锦绣', '和平', '金色家园', '翠苑', '滨河', '东城', '南苑', '紫金', '华府', '书香', '康乐', '银湖', '盛世', '御景'];
/** Topics: a title and sentences of content; weighted by Zipf over their order. */
const TOPICS: Array<{ title: string; content: string[] }> = [
  { title: '小区物业服务差', content: ['物业公司不作为，楼道垃圾长期无人清理。', '业主多次反映，物业均以人手不足推脱。'] },
  { title: '物业费上涨不合理', content: ['物业公司未经业主大会同意擅自上调物业费。', '要求公示物业费收支明细。'] },
  { title: '集中供暖温度不达标', content: ['入冬以来室内温度只有十五度左右，老人孩子受冻。', '供暖公司来人看过后未解决。'] },
  { title: '小区停水', content: ['小区已停水两天，没有任何通知。', '二次供水设备故障，高层住户无水可用。'] },
  { title: '噪音扰民', content: ['附近工地夜间施工，噪音扰民严重影响休息。', '多次报警无果，希望相关部门管一管。'] },
  { title: '拖欠工资', content: ['在工地干活半年，老板拖欠工资至今未付。', '农民工讨薪无门，请求劳动监察介入。'] },
  { title: '网约车司机绕路', content: ['乘坐网约车时司机故意绕路，多收了车费。', '平台客服推诿，不予退款。'] },
  { title: '道路破损', content: ['路面坑洼不平，雨天积水严重，电动车经过容易摔倒。', '希望尽快修补路面。'] },
  { title: '违章建筑', content: ['邻居在楼顶私搭乱建，存在安全隐患。', '城管来看过后一直没有拆除。'] },
  { title: '学校收费问题', content: ['学校以资料费名义乱收费。', '义务教育阶段不应收取额外费用。'] },
  { title: '医保报销', content: ['异地就医医保报销手续繁琐，跑了多次没有办成。', '希望简化医保报销流程。'] },
  { title: '路灯不亮', content: ['小区门口路灯坏了一个多月，晚上出行不安全。'] },
  { title: '油烟扰民', content: ['楼下饭店油烟直排，家里窗户都不敢开。'] },
  { title: '公交车不按站停靠', content: ['公交车经常不按站停靠，等车的群众很有意见。'] },
  { title: '占道经营', content: ['商贩占道经营，堵塞交通，环境脏乱差。'] },
  { title: '不动产证办理', content: ['购房多年仍未办理不动产证，开发商一直拖延。'] },
  { title: '公积金提取', content: ['咨询住房公积金提取需要哪些材料。'] },
  { title: '垃圾清运不及时', content: ['垃圾站垃圾堆积如山，臭气熏天，清运不及时。'] },
  { title: '养老金发放', content: ['退休后养老金迟迟没有发放，请帮忙查询。'] },
  { title: '电动车充电', content: ['小区没有电动车充电桩，居民飞线充电有火灾隐患。'] },
  { title: '渣土车撒漏', content: ['渣土车夜间运输撒漏严重，扬尘污染大。'] },
  { title: '预付卡退费', content: ['健身房关门跑路，预付卡余额无法退还。'] },
];
const FILLERS = ['请相关部门尽快处理。', '希望早日解决，谢谢！', '此问题已反映多次。', '请给予答复。', '影响周边居民正常生活。', '恳请领导重视。'];
/** A rare sentence (about one case in 10,000). */
const RARE = '小区井盖被盗，行人险些掉入。';

/** A deterministic hash of (case, purpose) in [0, 1). */
function r(i: number, salt: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const zipf = (() => {
  const w = TOPICS.map((_, k) => 1 / (k + 1) ** 1.07);
  const total = w.reduce((a, b) => a + b, 0);
  let acc = 0;
  return w.map((x) => (acc += x / total));
})();

const HANT: Array<[string, string]> = [
  ['运城', '運城'], ['网约车', '網約車'], ['绕路', '繞路'], ['物业', '物業'], ['费', '費'], ['区', '區'], ['县', '縣'], ['门', '門'],
  ['业', '業'], ['温度', '溫度'], ['问题', '問題'], ['处理', '處理'], ['反映', '反映'], ['车', '車'], ['发', '發'], ['乱', '亂'],
];
const toHant = (s: string) => HANT.reduce((t, [a, b]) => t.split(a).join(b), s);

/** The generated appeal of case i. */
export function appealText(i: number): { title: string; content: string } {
  const u = r(i, 1);
  const topic = TOPICS[Math.max(0, zipf.findIndex((c) => u < c))];
  const place = PLACES[Math.floor(r(i, 2) * PLACES.length)];
  const estate = ESTATES[Math.floor(r(i, 3) * ESTATES.length)];
  const title = `${place}${estate}小区${topic.title}`;
  const parts = [`我是运城市${place}${estate}小区居民，`, ...topic.content];
  if (r(i, 4) < 0.0001) parts.push(RARE);
  parts.push(FILLERS[Math.floor(r(i, 5) * FILLERS.length)]);
  const content = parts.join('');
  return r(i, 6) < 0.05 ? { title: toHant(title), content: toHant(content) } : { title, content };
}

interface Query { name: string; q: string; filter?: Partial<CaseListFilter>; scoped?: boolean }
const QUERIES: Query[] = [
  { name: 'common word (物业)', q: '物业' },
  { name: 'common word, second page (小区)', q: '小区', filter: { offset: 20 } },
  { name: 'rare word (井盖)', q: '井盖' },
  { name: 'two words (停水 二次供水)', q: '停水 二次供水' },
  { name: 'traditional (運城 網約車)', q: '運城 網約車' },
  { name: 'with filters (供暖, closed, hotline)', q: '供暖', filter: { state: ['closed'], channel: 'hotline' } },
  { name: 'county staff scope (拖欠工资)', q: '拖欠工资', scoped: true },
  { name: 'single character (水)', q: '水' },
  { name: 'case number part (BM0012345)', q: 'BM0012345' },
];

async function openServer(fresh: boolean): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => {} };
  const dir = path.join(os.tmpdir(), 'minsheng-bench-search');
  if (fresh) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const e = await openEmbedded(dir, 'test');
  return { adminUrl: e.url('postgres'), stop: e.stop };
}

async function build(db: Db, n: number, log: (m: string) => void) {
  const t = (label: string) => {
    const t0 = performance.now();
    return () => { const s = (performance.now() - t0) / 1000; log(`  ${label}: ${s.toFixed(1)} s`); return s; };
  };
  let done = t('city (bench/stats-data.ts)');
  await generateCity(db, n, log);
  const citySeconds = done();

  done = t('appeal texts and search documents (jieba, in TypeScript)');
  await sql`DROP INDEX case_search_doc_idx`.execute(db);
  await sql`TRUNCATE case_search_pending`.execute(db);
  const batch = 5000;
  for (let from = 1; from <= n; from += batch) {
    const ids: number[] = [];
    const titles: string[] = [];
    const contents: string[] = [];
    const docs: string[] = [];
    for (let i = from; i < Math.min(n + 1, from + batch); i++) {
      const { title, content } = appealText(i);
      ids.push(i); titles.push(title); contents.push(content); docs.push(searchDocument({ title, content }));
    }
    await sql`
      WITH d AS (SELECT * FROM unnest(${ids}::int[], ${titles}::text[], ${contents}::text[], ${docs}::text[]) AS d (id, title, content, doc)),
           u AS (UPDATE cases c SET title = d.title, content = d.content FROM d WHERE c.id = d.id)
      INSERT INTO case_search (case_id, doc) SELECT id, doc::tsvector FROM d`.execute(db);
    if ((from - 1) % 100_000 === 0) log(`    ${from - 1 + ids.length}`);
  }
  const textSeconds = done();

  done = t('GIN index');
  await sql`SET maintenance_work_mem = '512MB'`.execute(db);
  await sql`CREATE INDEX case_search_doc_idx ON case_search USING gin (doc)`.execute(db);
  const indexSeconds = done();
  done = t('vacuum analyze');
  await sql`VACUUM ANALYZE`.execute(db);
  done();
  await sql`CREATE TABLE bench_search_ready (n integer, city_seconds real, text_seconds real, index_seconds real)`.execute(db);
  await sql`INSERT INTO bench_search_ready VALUES (${n}, ${citySeconds}, ${textSeconds}, ${indexSeconds})`.execute(db);
}

export async function main(args: string[]) {
  const { values } = parseArgs({ args, options: {
    cases: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '40' },
    'baseline-runs': { type: 'string', default: '3' },
    'baseline-cap-ms': { type: 'string', default: '20000' },
    fresh: { type: 'boolean', default: false },
    'build-only': { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
  } });
  const n = Number(values.cases);
  const runs = Number(values.runs);
  const log = (m: string) => console.error(m);
  const server = await openServer(values.fresh);
  const dbName = `minsheng_bench_search_${n}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const u = new URL(server.adminUrl);
  u.pathname = `/${dbName}`;
  let db: Db | undefined;
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount === 1;
    let ready = false;
    if (exists && !values.fresh) {
      const probe = createDb(u.toString(), 1);
      ready = await sql`SELECT 1 FROM bench_search_ready`.execute(probe).then(() => true, () => false);
      await probe.destroy();
    }
    if (!ready) {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${dbName}`);
      const loader = createDb(u.toString(), 1);
      try {
        await migrateToLatest(loader);
        await loadReferenceData(loader);
        log(`building ${n} cases (kept in ${dbName} for the next run)`);
        await build(loader, n, log);
      } finally {
        await loader.destroy();
      }
    } else {
      log(`reusing ${dbName}`);
    }
    if (values['build-only']) return;
    db = createDb(u.toString(), 2);
    const { rows: [built] } = await sql<{ n: number; citySeconds: number; textSeconds: number; indexSeconds: number }>`SELECT * FROM bench_search_ready`.execute(db);
    const { rows: [size] } = await sql<{ cases: number; docs: number; tableMb: number; indexMb: number }>`
      SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_search)::int AS docs,
             round(pg_table_size('case_search') / 1048576.0)::int AS table_mb, round(pg_relation_size('case_search_doc_idx') / 1048576.0)::int AS index_mb`.execute(db);
    log(`  ${JSON.stringify(size)}`);

    const citywide: SessionActor = {
      userId: 0, username: 'bench', displayName: 'bench', unitId: 2, unitPath: '/1/2/', unitKind: 'centre', unitName: '中心',
      roles: ['dispatcher'], citywide: true, hasSubUnits: false,
    };
    const county: SessionActor = { ...citywide, unitId: 101, unitPath: '/1/101/', unitKind: 'region', unitName: '县区1', roles: ['handler'], citywide: false, hasSubUnits: true };
    const now = new Date('2027-01-01T00:00:00+08:00');
    const run = async (query: Query) => {
      const filter: CaseListFilter = { q: query.q, limit: 20, offset: 0, now, dueSoonBefore: now, ...query.filter };
      const result = await listCases(db!, query.scoped ? county : citywide, filter);
      await highlightCases(db!, result.rows.map((row) => row.id), parseSearchQuery(query.q));
      return result;
    };

    log('measuring');
    const loadBefore = os.loadavg()[0];
    const results: Record<string, unknown>[] = [];
    for (const query of QUERIES) {
      const sample = await run(query);
      await timeRuns(3, () => run(query));
      const times = await timeRuns(runs, () => run(query));
      results.push({ query: query.name, q: query.q, total: sample.total, totalCapped: sample.totalCapped, ...times });
      log(`  ${query.name}: ${sample.total}${sample.totalCapped ? '+' : ''} matches, median ${times.median} ms, p95 ${times.p95} ms`);
    }

    // The baseline: what the list did before (LIKE over title and content), same rows, same run.
    const capMs = Number(values['baseline-cap-ms']);
    const baseline: Record<string, unknown>[] = [];
    for (const query of QUERIES.filter((q) => ['物业', '井盖', '運城 網約車'].includes(q.q))) {
      const like = `%${query.q}%`;
      let timedOut = false;
      const times = await timeRuns(Number(values['baseline-runs']), async () => {
        await db!.transaction().execute(async (trx) => {
          await sql`${sql.raw(`SET LOCAL statement_timeout = ${capMs}`)}`.execute(trx);
          await sql`SELECT count(*) FROM cases WHERE title LIKE ${like} OR content LIKE ${like}`.execute(trx)
            .catch((e: Error) => { if (/statement timeout/.test(e.message)) timedOut = true; else throw e; });
          await sql`SELECT id FROM cases WHERE title LIKE ${like} OR content LIKE ${like} ORDER BY received_at DESC LIMIT 20`.execute(trx)
            .catch((e: Error) => { if (/statement timeout/.test(e.message)) timedOut = true; else throw e; });
        });
      });
      baseline.push({ query: query.name, method: "LIKE '%…%' over title and content (count + first page)", timedOut, capMs, ...times });
      log(`  baseline ${query.name}: median ${times.median} ms${timedOut ? ' (cap reached)' : ''}`);
    }
    const loadAfter = os.loadavg()[0];
    const worstP95 = Math.max(...results.map((x) => Number(x.p95)));
    report('search', {
      cases: size.cases, docs: size.docs, runs,
      build: { citySeconds: round(built.citySeconds), textAndDocsSeconds: round(built.textSeconds), ginIndexSeconds: round(built.indexSeconds) },
      sizeMb: { caseSearchTable: size.tableMb, ginIndex: size.indexMb },
      load: { before: round(loadBefore), after: round(loadAfter) },
      queries: results, baseline,
      targetP95Ms: 50, worstP95Ms: worstP95, meetsTarget: worstP95 <= 50,
    });
  } finally {
    await db?.destroy();
    if (values.drop) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    await server.stop();
  }
}
