import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';

/**
 * A realistic city-year of appeals for the statistics benchmark, built with
 * set-based SQL only (no per-case commands): a four-level tree of ~3,100
 * units (city, 40 city departments, 14 counties each with 8 departments and
 * 15 townships, 8–18 villages per township), N cases received in 2026 with
 * seasonal volume (summer peak, quieter weekends, Spring Festival and
 * National Day dips), Zipf-distributed categories (s = 1.07 over the 260
 * leaf categories), places weighted towards the urban districts, and for
 * each case a history that follows the lifecycle: intake, merges, rejections,
 * answers at intake, dispatch with returns and re-dispatch, assisting and
 * dispatched-down units, extensions, urging, supervision, replies late and on
 * time, callbacks (unreached, unhappy, re-handled), closing and archiving.
 * Everything after NOW (2027-01-01 00:00 +08:00) is cut off, so the cases
 * of late December stand in every open state. Plus one call record per
 * hotline case (and some extra missed calls).
 *
 * Deterministic: randomness is a hash of (case, purpose).
 */
export const NOW = '2027-01-01T00:00:00+08:00';
export const YEAR = { from: '2026-01-01', to: '2026-12-31' };

export async function generateCity(db: Db, n: number, log: (m: string) => void) {
  // Bulk load: the rows are built consistent, so foreign-key checks (one trigger call per row) are
  // skipped where the role may do so. Give `db` one connection: the setting is per session.
  const bulk = await sql`SET session_replication_role = replica`.execute(db).then(() => true, () => false);
  log(`  foreign-key checks during the load: ${bulk ? 'off (session_replication_role = replica)' : 'on'}`);
  const t = (label: string) => {
    const t0 = performance.now();
    return () => log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  let done = t('units');
  await sql`
    CREATE FUNCTION bench_r(i bigint, salt int) RETURNS float8 IMMUTABLE LANGUAGE sql AS
      $$ SELECT (hashint8(i * 1009 + salt) & 2147483647)::float8 / 2147483648 $$;
  `.execute(db);
  await sql`
    INSERT INTO units (id, key, name, kind, level, parent_id, path) VALUES
      (1, 'city', '基准市', 'region', 1, NULL, '/1/'), (2, 'centre', '基准市12345热线中心', 'centre', 1, 1, '/1/2/');
    INSERT INTO units (id, key, name, kind, level, parent_id, path)
      SELECT 2 + g, 'dept-' || g, '市直部门' || g, 'department', 1, 1, '/1/' || (2 + g) || '/' FROM generate_series(1, 40) g;
    INSERT INTO units (id, key, name, kind, level, parent_id, path)
      SELECT 100 + c, 'c' || c, '县区' || c, 'region', 2, 1, '/1/' || (100 + c) || '/' FROM generate_series(1, 14) c;
    INSERT INTO units (id, key, name, kind, level, parent_id, path)
      SELECT 200 + (c - 1) * 8 + d, 'c' || c || '-dept-' || d, '县区' || c || '部门' || d, 'department', 2, 100 + c,
             '/1/' || (100 + c) || '/' || (200 + (c - 1) * 8 + d) || '/'
        FROM generate_series(1, 14) c, generate_series(1, 8) d;
    INSERT INTO units (id, key, name, kind, level, parent_id, path)
      SELECT 1000 + (c - 1) * 15 + t, 'c' || c || '-t' || t, '县区' || c || '乡镇' || t, 'region', 3, 100 + c,
             '/1/' || (100 + c) || '/' || (1000 + (c - 1) * 15 + t) || '/'
        FROM generate_series(1, 14) c, generate_series(1, 15) t;
    INSERT INTO units (id, key, name, kind, level, parent_id, path)
      SELECT 10000 + (tw.id - 1000) * 20 + v, tw.key || '-v' || v, tw.name || '村' || v, 'region', 4, tw.id, tw.path || (10000 + (tw.id - 1000) * 20 + v) || '/'
        FROM units tw, generate_series(1, 18) v
       WHERE tw.level = 3 AND v <= 8 + (tw.id * 7) % 11;
    SELECT setval('units_id_seq', (SELECT max(id) FROM units));
  `.execute(db);
  done();

  done = t('plan');
  // Cumulative distributions to draw from: Zipf over the leaf categories, urban-weighted villages.
  await sql`
    CREATE TABLE bench_cat AS
      SELECT id, (sum(1 / rank ^ 1.07) OVER (ORDER BY rank) / sum(1 / rank ^ 1.07) OVER ())::float8 AS cdf
        FROM (SELECT id, row_number() OVER (ORDER BY hashint4(id)) AS rank FROM categories WHERE level = 3) r
  `.execute(db);
  await sql`
    CREATE TABLE bench_village AS
      SELECT id, (sum(w) OVER (ORDER BY id) / sum(w) OVER ())::float8 AS cdf
        FROM (SELECT id, CASE WHEN split_part(path, '/', 3)::int <= 104 THEN 3.0 ELSE 1.0 END AS w FROM units WHERE level = 4) v
  `.execute(db);
  await sql`CREATE INDEX ON bench_cat (cdf) INCLUDE (id); CREATE INDEX ON bench_village (cdf) INCLUDE (id); ANALYZE bench_cat; ANALYZE bench_village; ANALYZE units`.execute(db);
  await sql`
    CREATE TABLE bench_day AS
      SELECT day, floor(${n}::float8 * cw) - floor(${n}::float8 * (cw - w)) AS n FROM (
        SELECT day, w, sum(w) OVER (ORDER BY day) AS cw FROM (
          SELECT day, wr / sum(wr) OVER () AS w FROM (
            SELECT d::date AS day,
                   (1 + 0.25 * sin(2 * pi() * (extract(doy FROM d) - 100) / 365))
                   * CASE WHEN extract(isodow FROM d) >= 6 THEN 0.65 ELSE 1 END
                   * CASE WHEN d BETWEEN '2026-02-15' AND '2026-02-23' THEN 0.45 WHEN d BETWEEN '2026-10-01' AND '2026-10-07' THEN 0.6 ELSE 1 END AS wr
              FROM generate_series('2026-01-01'::date, '2026-12-31'::date, interval '1 day') d) a) b) c
  `.execute(db);
  const h = (x: number) => sql.raw(`interval '${x} hours'`);
  await sql`
    CREATE TABLE bench_plan AS
    WITH base AS MATERIALIZED (
      SELECT row_number() OVER (ORDER BY d.day, k)::int AS i, d.day FROM bench_day d, generate_series(1, d.n::int) k
    ), a AS MATERIALIZED (
      SELECT i, ((day + interval '8 hours' + bench_r(i, 1) * interval '12 hours')::timestamp AT TIME ZONE 'Asia/Shanghai') AS recv,
             CASE WHEN bench_r(i, 2) < 0.70 THEN 'hotline' WHEN bench_r(i, 2) < 0.82 THEN 'app' WHEN bench_r(i, 2) < 0.90 THEN 'web'
                  WHEN bench_r(i, 2) < 0.96 THEN 'board' WHEN bench_r(i, 2) < 0.98 THEN 'open311' ELSE 'import' END AS channel,
             CASE WHEN bench_r(i, 3) < 0.35 THEN 'complaint' WHEN bench_r(i, 3) < 0.60 THEN 'help' WHEN bench_r(i, 3) < 0.85 THEN 'inquiry'
                  WHEN bench_r(i, 3) < 0.93 THEN 'suggestion' WHEN bench_r(i, 3) < 0.97 THEN 'report' WHEN bench_r(i, 3) < 0.99 THEN 'thanks' ELSE 'other' END AS type,
             (SELECT id FROM bench_cat WHERE cdf >= bench_r(i, 4) ORDER BY cdf LIMIT 1) AS category_id,
             CASE WHEN bench_r(i, 5) < 0.85 THEN (SELECT id FROM bench_village WHERE cdf >= bench_r(i, 6) ORDER BY cdf LIMIT 1) END AS region_id,
             bench_r(i, 7) AS u_scenario, bench_r(i, 8) AS u_direct
        FROM base
    ), b AS MATERIALIZED (
      SELECT a.*,
             CASE WHEN u_scenario < 0.04 THEN 'merged' WHEN u_scenario < 0.07 THEN 'rejected'
                  WHEN (type = 'inquiry' AND u_direct < 0.6) OR u_scenario < 0.12 OR type = 'thanks' THEN 'direct'
                  ELSE 'dispatched' END AS scenario,
             v.parent_id AS township, tw.parent_id AS county,
             CASE WHEN type IN ('complaint', 'report', 'suggestion') THEN 14 WHEN channel = 'board' THEN 9 ELSE 7 END AS reply_days
        FROM a LEFT JOIN units v ON v.id = a.region_id LEFT JOIN units tw ON tw.id = v.parent_id
    ), c AS MATERIALIZED (
      SELECT b.*,
             CASE WHEN scenario <> 'dispatched' THEN NULL
                  WHEN township IS NOT NULL AND bench_r(i, 9) < 0.55 THEN township
                  WHEN county IS NOT NULL AND bench_r(i, 9) < 0.80 THEN 200 + (county - 101) * 8 + floor(bench_r(i, 10) * 8)::int + 1
                  ELSE 3 + floor(bench_r(i, 10) * 40)::int END AS lead1,
             recv + CASE WHEN bench_r(i, 28) < 0.03 THEN ${h(6)} + bench_r(i, 29) * ${h(50)} ELSE interval '10 minutes' END AS t_reg,
             recv + CASE WHEN bench_r(i, 28) < 0.03 THEN ${h(6)} + bench_r(i, 29) * ${h(50)} ELSE interval '10 minutes' END
                  + interval '20 minutes' + bench_r(i, 11) * ${h(3.5)} + CASE WHEN bench_r(i, 30) < 0.03 THEN ${h(20)} + bench_r(i, 31) * ${h(30)} ELSE interval '0' END AS t_dispatch,
             scenario = 'dispatched' AND bench_r(i, 12) < 0.06 AS returned,
             scenario = 'dispatched' AND bench_r(i, 13) < 0.10 AS assisted,
             scenario = 'dispatched' AND bench_r(i, 14) < 0.05 AS extended,
             -ln(1 - bench_r(i, 15) * 0.999) * ${h(4)} AS sign_delay,
             bench_r(i, 16) AS u_draft
        FROM b
    ), d AS MATERIALIZED (
      SELECT c.*,
             CASE WHEN returned THEN c.t_dispatch + ${h(1)} + bench_r(i, 17) * ${h(20)} END AS t_return,
             CASE WHEN returned THEN 3 + (lead1 + 7) % 40 END AS lead2,
             lead1 = township AND bench_r(i, 18) < 0.3 AS subbed
        FROM c
    ), e AS MATERIALIZED (
      SELECT d.*,
             CASE WHEN returned THEN d.t_return + ${h(2)} + bench_r(i, 19) * ${h(28)} END AS t_redispatch,
             coalesce(lead2, lead1) AS lead,
             CASE WHEN assisted THEN 3 + (coalesce(lead2, lead1) + 11) % 40 END AS assist_unit
        FROM d
    ), f AS MATERIALIZED (
      SELECT e.*, coalesce(t_redispatch, t_dispatch) AS t_leaddisp,
             coalesce(t_redispatch, t_dispatch) + least(sign_delay, ${h(60)}) AS t_sign
        FROM e
    ), g AS MATERIALIZED (
      SELECT f.*,
             ((t_leaddisp AT TIME ZONE 'Asia/Shanghai')::date + 2)::timestamp AT TIME ZONE 'Asia/Shanghai' AS sign_due,
             ((t_leaddisp AT TIME ZONE 'Asia/Shanghai')::date + reply_days + 1 + CASE WHEN extended THEN 4 ELSE 0 END)::timestamp AT TIME ZONE 'Asia/Shanghai' AS due1,
             t_sign + greatest(CASE WHEN assisted OR subbed OR extended THEN ${h(32)} ELSE ${h(2)} END,
                               reply_days * ${h(24)} * power(u_draft, 0.8) * 1.15) AS t_draft1
        FROM f
    ), k AS MATERIALIZED (
      SELECT g.*,
             t_draft1 + ${h(2)} AS t_signoff1, t_draft1 + ${h(7)} AS t_approve1,
             t_draft1 + ${h(31)} AS t_cb1,
             bench_r(i, 20) < 0.08 AS unreached,
             CASE WHEN bench_r(i, 21) < 0.85 THEN 'resolved' WHEN bench_r(i, 21) < 0.93 THEN 'partly' ELSE 'unresolved' END AS resolution,
             CASE WHEN bench_r(i, 22) < 0.45 THEN 'very_satisfied' WHEN bench_r(i, 22) < 0.85 THEN 'satisfied' WHEN bench_r(i, 22) < 0.95 THEN 'basically_satisfied'
                  WHEN bench_r(i, 22) < 0.99 THEN 'dissatisfied' ELSE 'very_dissatisfied' END AS satisfaction,
             bench_r(i, 23) < 0.5 AS rehandle,
             CASE WHEN bench_r(i, 24) < 0.05 THEN t_sign + (t_draft1 - t_sign) * 0.5 END AS t_urge,
             CASE WHEN bench_r(i, 25) < 0.02 THEN t_sign + (t_draft1 - t_sign) * 0.6 END AS t_supervise,
             CASE WHEN bench_r(i, 26) < 0.005 THEN t_sign + (t_draft1 - t_sign) * 0.7 END AS t_instruct,
             bench_r(i, 27) < 0.8 AS archive
        FROM g
    )
    SELECT k.*,
           NOT unreached AND resolution = 'resolved' AND satisfaction IN ('very_satisfied', 'satisfied', 'basically_satisfied') AS happy,
           t_cb1 + ${h(4)} AS t_rehandle
      FROM k
  `.execute(db);
  await sql`ALTER TABLE bench_plan ADD PRIMARY KEY (i); ANALYZE bench_plan`.execute(db);
  done();

  done = t('history');
  const now = sql`${NOW}::timestamptz`;
  // One row per event: (case, order, instant, action, from, to, data). Assignment ids are case·4 + (0 first lead, 1 second lead, 2 assisting, 3 dispatched down).
  const leadA = { sql: '(i * 4 + CASE WHEN returned THEN 1 ELSE 0 END)' };
  const ev = (ord: number, at: string, action: string, from: string | null, to: string, data: string, where = 'true') => sql`
    SELECT i AS case_id, ${ord}::int AS ord, ${sql.raw(at)} AS at, ${action}::text AS action, ${from}::text AS from_state, ${to}::text AS to_state, ${sql.raw(data)}::jsonb AS data
      FROM bench_plan WHERE (${sql.raw(where)}) AND ${sql.raw(at)} <= ${now}`;
  const D = `scenario = 'dispatched'`;
  const late = `${D} AND t_draft1 > due1`;
  const cbEnd = `${D} AND NOT unreached`;
  const events = [
    ev(1, 'recv', 'create', null, 'received', `jsonb_build_object('channel', channel)`),
    ev(2, 'recv + interval \'20 minutes\'', 'merge', 'received', 'merged', `jsonb_build_object('intoCaseId', greatest(i - 1, 1))`, `scenario = 'merged'`),
    ev(2, 'recv + interval \'20 minutes\'', 'reject', 'received', 'rejected', `jsonb_build_object('reasonCode', 'repeat')`, `scenario = 'rejected'`),
    ev(2, 't_reg', 'register', 'received', 'registered', `'{}'`, `scenario IN ('direct', 'dispatched')`),
    ev(3, 't_reg + interval \'5 minutes\'', 'answer', 'registered', 'closed', `'{}'`, `scenario = 'direct'`),
    ev(3, 't_dispatch', 'dispatch', 'registered', 'dispatched', `jsonb_build_object('leadUnitId', lead1, 'assistUnitIds', CASE WHEN assisted THEN jsonb_build_array(assist_unit) ELSE '[]' END)`, D),
    ev(4, 't_return', 'return', 'dispatched', 'returned', `jsonb_build_object('role', 'lead', 'unitId', lead1, 'assignmentId', i * 4)`, `${D} AND returned`),
    ev(5, 't_redispatch', 'redispatch', 'returned', 'dispatched', `jsonb_build_object('leadUnitId', lead2, 'assistUnitIds', '[]'::jsonb)`, `${D} AND returned`),
    ev(6, 't_sign', 'sign', 'dispatched', 'handling', `jsonb_build_object('assignmentId', ${leadA.sql})`, D),
    ev(7, 't_sign + interval \'1 hour\'', 'sign', 'handling', 'handling', `jsonb_build_object('assignmentId', i * 4 + 2)`, `${D} AND assisted`),
    ev(8, 't_sign + interval \'26 hours\'', 'submitInput', 'handling', 'handling', `jsonb_build_object('assignmentId', i * 4 + 2)`, `${D} AND assisted`),
    ev(9, 't_sign + interval \'2 hours\'', 'subDispatch', 'handling', 'handling', `jsonb_build_object('unitIds', jsonb_build_array(region_id), 'assignmentId', ${leadA.sql})`, `${D} AND subbed`),
    ev(10, 't_sign + interval \'5 hours\'', 'sign', 'handling', 'handling', `jsonb_build_object('assignmentId', i * 4 + 3)`, `${D} AND subbed`),
    ev(11, 't_sign + interval \'28 hours\'', 'replyUp', 'handling', 'handling', `jsonb_build_object('assignmentId', i * 4 + 3)`, `${D} AND subbed`),
    ev(12, 't_sign + interval \'20 hours\'', 'requestExtension', 'handling', 'handling', `jsonb_build_object('assignmentId', ${leadA.sql}, 'days', 3)`, `${D} AND extended`),
    ev(13, 't_sign + interval \'22 hours\'', 'approveExtension', 'handling', 'handling', `jsonb_build_object('assignmentId', ${leadA.sql}, 'unitId', lead, 'days', 3)`, `${D} AND extended`),
    ev(14, 't_urge', 'urge', 'handling', 'handling', `'{}'`, `${D} AND t_urge IS NOT NULL`),
    ev(15, 't_supervise', 'supervise', 'handling', 'handling', `'{}'`, `${D} AND t_supervise IS NOT NULL`),
    ev(16, 't_instruct', 'instruct', 'handling', 'handling', `'{}'`, `${D} AND t_instruct IS NOT NULL`),
    ev(17, 'due1', 'autoUrge', 'handling', 'handling', `jsonb_build_object('assignmentId', ${leadA.sql}, 'unitId', lead, 'stage', 'reply', 'level', 'urge', 'dueAt', due1)`, late),
    ev(18, 't_draft1', 'draftReply', 'handling', 'signoff', `jsonb_build_object('assignmentId', ${leadA.sql})`, D),
    ev(19, 't_signoff1', 'signOff', 'signoff', 'reviewing', `'{}'`, D),
    ev(20, 't_approve1', 'approve', 'reviewing', 'callback', `'{}'`, D),
    ev(21, 't_cb1', 'recordCallback', 'callback', 'callback', `jsonb_build_object('reached', false)`, `${D} AND unreached`),
    ev(22, 't_cb1 + interval \'2 hours\'', 'recordCallback', 'callback', 'callback', `jsonb_build_object('reached', false)`, `${D} AND unreached`),
    ev(23, 't_cb1 + interval \'4 hours\'', 'recordCallback', 'callback', 'callback', `jsonb_build_object('reached', false)`, `${D} AND unreached`),
    ev(24, 't_cb1 + interval \'5 hours\'', 'close', 'callback', 'closed', `'{}'`, `${D} AND unreached`),
    ev(21, 't_cb1', 'recordCallback', 'callback', 'closed', `jsonb_build_object('reached', true, 'resolution', resolution, 'satisfaction', satisfaction)`, `${cbEnd} AND happy`),
    ev(21, 't_cb1', 'recordCallback', 'callback', 'callback_review', `jsonb_build_object('reached', true, 'resolution', resolution, 'satisfaction', satisfaction)`, `${cbEnd} AND NOT happy`),
    ev(22, 't_cb1 + interval \'6 hours\'', 'close', 'callback_review', 'closed', `'{}'`, `${cbEnd} AND NOT happy AND NOT rehandle`),
    ev(22, 't_rehandle', 'rehandle', 'callback_review', 'handling', `'{}'`, `${cbEnd} AND NOT happy AND rehandle`),
    ev(23, 't_rehandle + interval \'72 hours\'', 'draftReply', 'handling', 'signoff', `jsonb_build_object('assignmentId', ${leadA.sql})`, `${cbEnd} AND NOT happy AND rehandle`),
    ev(24, 't_rehandle + interval \'74 hours\'', 'signOff', 'signoff', 'reviewing', `'{}'`, `${cbEnd} AND NOT happy AND rehandle`),
    ev(25, 't_rehandle + interval \'79 hours\'', 'approve', 'reviewing', 'callback', `'{}'`, `${cbEnd} AND NOT happy AND rehandle`),
    ev(26, 't_rehandle + interval \'103 hours\'', 'recordCallback', 'callback', 'closed', `jsonb_build_object('reached', true, 'resolution', 'resolved', 'satisfaction', 'satisfied')`, `${cbEnd} AND NOT happy AND rehandle`),
  ];
  const evq = sql`CREATE TABLE bench_events AS ${sql.join(events, sql` UNION ALL `)}`;
  try { await evq.execute(db); } catch (e) { const pos = Number((e as { position?: string }).position); console.error(evq.compile(db).sql.slice(pos - 300, pos + 50)); throw e; }
  // Archiving, 20 days after closing, for most closed cases.
  await sql`
    INSERT INTO bench_events
    SELECT e.case_id, 30, e.at + interval '20 days', 'archive', 'closed', 'archived', '{}'::jsonb
      FROM bench_events e JOIN bench_plan p ON p.i = e.case_id
     WHERE e.to_state = 'closed' AND p.archive AND e.at + interval '20 days' <= ${now}`.execute(db);
  done();

  done = t('cases, history and assignments');
  await sql`
    INSERT INTO cases (id, number, query_code, channel, type, category_id, urgency, region_unit_id, title, content, state, version,
                       lead_unit_id, supervised, instructed, urge_count, return_count, rehandle_count, received_at, registered_at,
                       dispatched_at, closed_at, archived_at, replied_at)
    SELECT p.i, 'BM' || lpad(p.i::text, 8, '0'), '000000', p.channel, p.type, p.category_id, 'normal', p.region_id,
           '基准工单' || p.i, '基准内容', s.to_state, 1 + s.n,
           CASE WHEN p.t_redispatch <= ${now} THEN p.lead2 WHEN p.scenario = 'dispatched' AND p.t_dispatch <= ${now} THEN p.lead1 END,
           coalesce(p.t_supervise <= ${now}, false), coalesce(p.t_instruct <= ${now}, false), 0, 0, 0, p.recv,
           CASE WHEN p.scenario IN ('direct', 'dispatched') THEN p.t_reg END,
           CASE WHEN p.scenario = 'dispatched' AND p.t_dispatch <= ${now} THEN p.t_dispatch END,
           s.closed_at, s.archived_at, s.replied_at
      FROM bench_plan p
      JOIN (SELECT case_id, count(*)::int AS n,
                   (array_agg(to_state ORDER BY at DESC, ord DESC))[1] AS to_state,
                   max(at) FILTER (WHERE to_state IN ('closed', 'merged', 'rejected') AND from_state IS DISTINCT FROM to_state) AS closed_at,
                   max(at) FILTER (WHERE action = 'archive') AS archived_at,
                   max(at) FILTER (WHERE action IN ('approve', 'answer')) AS replied_at
              FROM bench_events GROUP BY case_id) s ON s.case_id = p.i
  `.execute(db);
  await sql`SELECT setval('cases_id_seq', (SELECT max(id) FROM cases))`.execute(db);
  await sql`
    INSERT INTO case_history (case_id, at, action, from_state, to_state, data)
    SELECT case_id, at, action, from_state, to_state, data FROM bench_events ORDER BY at, case_id, ord`.execute(db);
  await sql`
    INSERT INTO case_assignments (id, case_id, unit_id, role, parent_id, status, round, dispatched_at, signed_at, returned_at,
                                  sign_due_at, reply_due_at, extension_count)
    -- the first lead: returned, or the lead to the end
    SELECT i * 4, i, lead1, 'lead', NULL::int,
           CASE WHEN returned AND t_return <= ${now} THEN 'returned' WHEN NOT returned AND t_sign <= ${now} THEN 'signed' ELSE 'pending' END,
           1, t_dispatch, CASE WHEN NOT returned AND t_sign <= ${now} THEN t_sign END, CASE WHEN returned AND t_return <= ${now} THEN t_return END,
           ((t_dispatch AT TIME ZONE 'Asia/Shanghai')::date + 2)::timestamp AT TIME ZONE 'Asia/Shanghai',
           CASE WHEN NOT returned AND NOT happy AND rehandle AND NOT unreached AND t_rehandle <= ${now}
                THEN ((t_rehandle AT TIME ZONE 'Asia/Shanghai')::date + reply_days + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
                WHEN NOT returned THEN due1
                ELSE ((t_dispatch AT TIME ZONE 'Asia/Shanghai')::date + reply_days + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' END,
           CASE WHEN NOT returned AND extended AND t_sign + interval '22 hours' <= ${now} THEN 1 ELSE 0 END
      FROM bench_plan WHERE scenario = 'dispatched' AND t_dispatch <= ${now}
    UNION ALL
    -- the second lead after a return
    SELECT i * 4 + 1, i, lead2, 'lead', NULL::int, CASE WHEN t_sign <= ${now} THEN 'signed' ELSE 'pending' END, 2, t_redispatch,
           CASE WHEN t_sign <= ${now} THEN t_sign END, NULL::timestamptz, sign_due,
           CASE WHEN NOT happy AND rehandle AND NOT unreached AND t_rehandle <= ${now}
                THEN ((t_rehandle AT TIME ZONE 'Asia/Shanghai')::date + reply_days + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' ELSE due1 END,
           CASE WHEN extended AND t_sign + interval '22 hours' <= ${now} THEN 1 ELSE 0 END
      FROM bench_plan WHERE scenario = 'dispatched' AND returned AND t_redispatch <= ${now}
    UNION ALL
    -- the assisting unit
    SELECT i * 4 + 2, i, assist_unit, 'assist', NULL::int,
           CASE WHEN t_sign + interval '26 hours' <= ${now} THEN 'input_submitted' WHEN t_sign + interval '1 hour' <= ${now} THEN 'signed' ELSE 'pending' END,
           1, t_dispatch, CASE WHEN t_sign + interval '1 hour' <= ${now} THEN t_sign + interval '1 hour' END, NULL::timestamptz,
           ((t_dispatch AT TIME ZONE 'Asia/Shanghai')::date + 2)::timestamp AT TIME ZONE 'Asia/Shanghai', due1, 0
      FROM bench_plan WHERE scenario = 'dispatched' AND assisted AND t_dispatch <= ${now}
    UNION ALL
    -- the village the township dispatched down to
    SELECT i * 4 + 3, i, region_id, 'sub', i * 4 + CASE WHEN returned THEN 1 ELSE 0 END,
           CASE WHEN t_sign + interval '28 hours' <= ${now} THEN 'replied' WHEN t_sign + interval '5 hours' <= ${now} THEN 'signed' ELSE 'pending' END,
           1, t_sign + interval '2 hours', CASE WHEN t_sign + interval '5 hours' <= ${now} THEN t_sign + interval '5 hours' END, NULL::timestamptz,
           (((t_sign + interval '2 hours') AT TIME ZONE 'Asia/Shanghai')::date + 2)::timestamp AT TIME ZONE 'Asia/Shanghai', due1, 0
      FROM bench_plan WHERE scenario = 'dispatched' AND subbed AND t_sign + interval '2 hours' <= ${now}
    ORDER BY 1
  `.execute(db);
  await sql`SELECT setval('case_assignments_id_seq', (SELECT max(id) FROM case_assignments))`.execute(db);
  done();

  // Call records feed stats_calls_daily through their triggers: those must fire.
  if (bulk) await sql`SET session_replication_role = origin`.execute(db);
  done = t('call records');
  await sql`
    INSERT INTO hotline_calls (call_id, offered_at, answered_at, outcome)
    SELECT 'K' || i, recv - interval '3 minutes',
           CASE WHEN bench_r(i, 40) < 0.97 THEN recv - interval '3 minutes' + (-ln(1 - bench_r(i, 41) * 0.9999) * 8) * interval '1 second' END,
           CASE WHEN bench_r(i, 40) < 0.97 THEN 'answered' WHEN bench_r(i, 40) < 0.99 THEN 'called_back' ELSE 'abandoned' END
      FROM bench_plan WHERE channel = 'hotline'
    UNION ALL
    SELECT 'M' || i, recv + interval '1 hour', NULL, CASE WHEN bench_r(i, 42) < 0.7 THEN 'called_back' ELSE 'abandoned' END
      FROM bench_plan WHERE channel = 'hotline' AND bench_r(i, 43) < 0.04
  `.execute(db);
  done();
  await sql`DROP TABLE bench_plan, bench_events, bench_cat, bench_village, bench_day`.execute(db);
  await sql`DROP FUNCTION bench_r`.execute(db);
}
