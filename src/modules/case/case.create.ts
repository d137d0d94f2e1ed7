import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'kysely';
import type { Trx } from '../../db/database.ts';
import type { CaseRow } from '../../db/schema.ts';
import { invalidInput } from '../../domain/errors.ts';
import { decide, lifecycle, type CaseSnapshot } from '../../domain/lifecycle.ts';
import { duplicateText, placeText } from '../../domain/similarity.ts';
import type { Ctx } from '../../http/context.ts';
import { configSnapshot, peekConfig, type ConfigSnapshot } from '../deadline/config.cache.ts';
import { dueFor, type DeadlineRules } from '../deadline/deadline.service.ts';
import { batchCandidatesQuery, candidatesQuery, findCandidates, type CandidateCriteria, type CandidateRow } from '../duplicate/duplicate.repository.ts';
import { rankDuplicates, type SuggestedDuplicate } from '../duplicate/duplicate.service.ts';
import { textBands } from '../duplicate/duplicate.signature.ts';
import { phoneKey } from '../hotline/phone.ts';
import { searchDocument } from '../search/search.document.ts';
import type { NewAppeal } from './case.intake.ts';
import { newQueryCode, shanghaiYear } from './case.numbering.ts';
import { transition } from './case.transition.ts';
import { caseTypes, channels, urgencies } from './case.vocabulary.ts';

/**
 * Intake (受理) in two statements, so that 7x24 intake waits on nothing but
 * a short trip to the database — for one appeal or for a batch of them
 * (intake.batcher.ts coalesces concurrent HTTP intakes into one
 * transaction: group commit):
 *
 * 1. one SELECT reads the configuration version (the rules themselves come
 *    from the in-process copy, config.cache.ts), the region units, and — when
 *    asked — every appeal's repeat candidates (duplicate.repository.ts);
 * 2. one INSERT … WITH takes the case numbers (a per-year sequence), writes
 *    the cases, their history entries, their outbox events and attachments.
 *
 * An operator registering the call at once (`register: true`) gets the same
 * rows a separate `register` action would write — the case as `registered`
 * at version 2, a `register` history entry and a `case.register` event —
 * decided by the same lifecycle rule; were the rule to refuse, the action
 * itself runs and refuses as it always did. SMS and notifications only
 * follow from the outbox, after commit.
 */

export interface IntakeOptions {
  /** Also look for likely repeats (并单) and return them. */
  duplicates?: boolean;
}

interface WrittenHistory { id: number; at: Date; action: string; fromState: string | null; toState: string; note: string | null; data: Record<string, unknown> }
interface WrittenAttachment { id: number; fileName: string; mimeType: string; sizeBytes: number; sha256: string | null; createdAt: Date }

/** What the staff view of a new case needs, known at intake without reading the case back. */
export interface KnownAtIntake {
  history: Array<WrittenHistory & { actorName: string; actorUnitName: string }>;
  attachments: WrittenAttachment[];
  category: { id: number; fullName: string } | null;
  region: { id: number; name: string } | null;
  rules: DeadlineRules;
}

/** The new case, what its view needs, and the likely repeats (empty unless asked for). */
export interface Intake {
  row: CaseRow;
  /** Null when registration took the general path (read the case back then). */
  known: KnownAtIntake | null;
  suggestedDuplicates: SuggestedDuplicate[];
}

/** One appeal of a batch: its own actor, clock and language (`ctx.trx` is the batch's transaction). */
export interface IntakeRequest {
  ctx: Ctx;
  props: NewAppeal;
  opts?: IntakeOptions;
}

/** A refused appeal (bad input) fails alone; its neighbours in the batch go on. */
export type IntakeOutcome = { ok: true; intake: Intake } | { ok: false; error: unknown };

const freshCase: CaseSnapshot = { state: 'received', assignments: [], callbackAttempts: 0, pendingExtension: false, suspension: 'none' };

/**
 * Takes in an appeal from any channel: number, query code, the register
 * deadline, one history entry and one outbox event (two of each when
 * registered at once), optionally the likely repeats.
 * @throws INVALID_INPUT for unknown vocabulary, category or region, half a location, or a future arrival.
 */
export async function takeInAppeal(ctx: Ctx, props: NewAppeal, opts: IntakeOptions = {}): Promise<Intake> {
  const batch = intakeBatchScope.getStore();
  const [outcome] = batch && batch.trx === ctx.trx ? [await batch.join({ ctx, props, opts })] : await takeInAppeals(ctx.trx, [{ ctx, props, opts }]);
  if (!outcome.ok) throw outcome.error;
  return outcome.intake;
}

/**
 * Set by intake.batcher.ts around each request of a batch (group commit):
 * the request's `takeInAppeal` — wherever its caller wraps it (word lists,
 * auto-dispatch) — joins the batch's one SELECT and one INSERT.
 */
export interface IntakeBatchScope {
  trx: Trx;
  join(request: IntakeRequest): Promise<IntakeOutcome>;
}
export const intakeBatchScope = new AsyncLocalStorage<IntakeBatchScope>();

/** Checks that need nothing from the database. @throws INVALID_INPUT */
function checkVocabulary(props: NewAppeal) {
  if (!channels.includes(props.channel)) throw invalidInput(`渠道无效：${props.channel}`, `unknown channel: ${props.channel}`);
  if (props.type && !caseTypes.includes(props.type)) throw invalidInput(`诉求类型无效：${props.type}`, `unknown type: ${props.type}`);
  if (props.urgency && !urgencies.includes(props.urgency)) throw invalidInput(`紧急程度无效：${props.urgency}`, `unknown urgency: ${props.urgency}`);
}

/** Checks against the configuration and the region read. @throws INVALID_INPUT */
function checkReferences(ctx: Ctx, props: NewAppeal, config: ConfigSnapshot, region: { kind: string } | undefined, receivedAt: Date) {
  const categoryId = props.categoryId ?? null;
  const category = categoryId === null ? undefined : config.categories.get(categoryId);
  if (categoryId !== null && (!category || !category.active)) throw invalidInput(`分类 ${categoryId} 不存在`, `category ${categoryId} does not exist`);
  if (props.regionUnitId != null && region?.kind !== 'region') throw invalidInput(`区域 ${props.regionUnitId} 不存在`, `region ${props.regionUnitId} does not exist`);
  if ((props.lat == null) !== (props.lng == null)) throw invalidInput('经纬度须同时提供', 'give both latitude and longitude');
  if (receivedAt.getTime() > ctx.now.getTime() + 60_000) throw invalidInput('受理时间不能晚于现在', 'receivedAt cannot be in the future');
  return category && categoryId !== null ? { id: categoryId, fullName: category.fullName } : null;
}

interface Pending {
  index: number;
  req: IntakeRequest;
  receivedAt: Date;
  place: string | null;
  /** The normalised head of title and content (`duplicateText`): compared by the repeat check, stored as `dup_text`. */
  dupText: string;
  criteria: CandidateCriteria | null;
}

/**
 * Takes in several appeals in the caller's transaction with the same two
 * statements as one: an appeal with bad input gets its own refusal in its
 * outcome and is not written; the others are. A database error fails the
 * whole call (the transaction is then lost): the caller retries the appeals
 * one by one (intake.batcher.ts).
 */
export async function takeInAppeals(trx: Trx, requests: readonly IntakeRequest[]): Promise<IntakeOutcome[]> {
  const outcomes: IntakeOutcome[] = new Array(requests.length);
  const pending: Pending[] = [];
  requests.forEach((req, index) => {
    try {
      checkVocabulary(req.props);
      pending.push({
        index, req, receivedAt: req.props.receivedAt ?? req.ctx.now, place: placeText(req.props.address),
        dupText: duplicateText(req.props.title.trim(), req.props.content.trim()), criteria: null,
      });
    } catch (error) {
      outcomes[index] = { ok: false, error };
    }
  });
  if (pending.length === 0) return outcomes;

  // The window is a constant of the query: take it from the copy held, and check that copy's version below.
  const held = pending.some((p) => p.req.opts?.duplicates) ? await (peekConfig(trx) ?? configSnapshot(trx)) : undefined;
  for (const p of pending) {
    if (!held || !p.req.opts?.duplicates) continue;
    const { props } = p.req;
    p.criteria = {
      phone: props.citizenPhone ?? null, regionUnitId: props.regionUnitId ?? null, lat: props.lat ?? null, lng: props.lng ?? null,
      place: p.place, at: p.receivedAt, windowDays: held.duplicateWindowDays, dupText: p.dupText,
    };
  }
  // Staff who see the whole city share one candidate query for the batch; anyone else's visibility is their own.
  const citywide = pending.filter((p) => p.criteria && p.req.ctx.actor.citywide);
  const scoped = pending.filter((p) => p.criteria && !p.req.ctx.actor.citywide);
  const shared = citywide.length ? batchCandidatesQuery(citywide.map((p) => ({ ord: p.index, ...p.criteria! }))) : null;
  const own = scoped.map((p) => candidatesQuery(trx, p.req.ctx.actor, p.criteria!));
  const regionIds = [...new Set(pending.map((p) => p.req.props.regionUnitId).filter((id): id is number => id != null))];
  const { rows: [prep] } = await sql<{
    configVersion: number;
    regions: Array<{ id: number; name: string; kind: string }>;
    candidates: Array<CandidateRow & { ord: number }> | null;
    scoped: Array<CandidateRow[] | null> | null;
  }>`
    SELECT (SELECT version FROM config_version) AS config_version,
           ${regionIds.length === 0 ? sql`'[]'::json` : sql`(SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'kind', kind)), '[]'::json) FROM units WHERE id = ANY(${regionIds}::int[]))`} AS regions,
           ${shared ? sql`(SELECT coalesce(json_agg(d), '[]'::json) FROM (${shared}) d)` : sql`NULL::json`} AS candidates,
           ${own.length ? sql`json_build_array(${sql.join(own.map((q) => (q ? sql`(SELECT coalesce(json_agg(d), '[]'::json) FROM (${q}) d)` : sql`NULL::json`)))})` : sql`NULL::json`} AS scoped`.execute(trx);
  const config = await configSnapshot(trx, Number(prep.configVersion));
  const regions = new Map(prep.regions.map((r) => [r.id, r]));
  const found = new Map<number, CandidateRow[]>();
  for (const p of citywide) found.set(p.index, []);
  for (const c of prep.candidates ?? []) found.get(c.ord)!.push(c);
  scoped.forEach((p, i) => found.set(p.index, prep.scoped?.[i] ?? []));

  const rows: Record<string, unknown>[] = [];
  const facts = new Map<number, { category: KnownAtIntake['category']; registerNow: boolean; dupText: string }>();
  const admitted: Pending[] = [];
  for (const p of pending) {
    const { ctx, props } = p.req;
    let category: KnownAtIntake['category'];
    try {
      category = checkReferences(ctx, props, config, props.regionUnitId == null ? undefined : regions.get(props.regionUnitId), p.receivedAt);
    } catch (error) {
      outcomes[p.index] = { ok: false, error };
      continue;
    }
    const categoryId = props.categoryId ?? null;
    const register = await dueFor(trx, config.rules, { type: props.type, urgency: props.urgency, channel: props.channel, categoryId }, 'register', p.receivedAt);
    const decision = props.register ? decide(freshCase, 'register', ctx.actor) : undefined;
    const registerNow = decision?.ok === true && lifecycle.register.note !== 'required';
    const title = props.title.trim();
    const content = props.content.trim();
    const { dupText } = p;
    const actorUserId = ctx.actor.userId;
    const notifyCitizen = props.notifyCitizen ?? true;
    facts.set(p.index, { category, registerNow, dupText });
    admitted.push(p);
    rows.push({
      ord: p.index, number_prefix: `${ctx.casePrefix}${shanghaiYear(p.receivedAt)}-`, year: shanghaiYear(p.receivedAt), query_code: newQueryCode(),
      channel: props.channel, type: props.type, urgency: props.urgency, title, content,
      citizen_name: props.citizenName ?? null, citizen_phone: props.citizenPhone ?? null, citizen_sex: props.citizenSex ?? null, citizen_org: props.citizenOrg ?? null,
      confidential: props.confidential ?? false, category_id: categoryId, region_unit_id: props.regionUnitId ?? null, address: props.address ?? null,
      lat: props.lat ?? null, lng: props.lng ?? null, subject: props.subject ?? null, leader_key: props.leaderKey ?? null,
      state: registerNow ? 'registered' : 'received', version: registerNow ? 2 : 1, received_at: p.receivedAt.toISOString(),
      registered_at: registerNow ? ctx.now.toISOString() : null, created_by: actorUserId, register_due_at: register.due?.toISOString() ?? null,
      deadline_policies: { register: register.policy }, dup_text: dupText, dup_place: p.place, dup_bands: textBands(dupText, p.receivedAt), search_doc: searchDocument({ title, content }),
      now: ctx.now.toISOString(), actor_unit_id: ctx.actor.unitId, entries: registerNow ? 2 : 1,
      created_data: { channel: props.channel },
      created_payload: { channel: props.channel, type: props.type, urgency: props.urgency, hasPhone: Boolean(props.citizenPhone), notifyCitizen },
      register_payload: { from: 'received', to: 'registered', actorUserId, note: null, notifyCitizen },
      attachments: (props.attachments ?? []).map((a, ord) => ({ ord, file_name: a.fileName, mime_type: a.mimeType, size_bytes: a.sizeBytes, sha256: a.sha256 ?? null })),
    });
  }
  if (admitted.length === 0) return outcomes;

  const inserted = await insertIntakes(trx, rows);
  for (const p of admitted) {
    const { ctx, props } = p.req;
    const { intakeHistory, intakeAttachments, ord: _ord, ...caseRow } = inserted.get(p.index)!;
    const { category, registerNow, dupText } = facts.get(p.index)!;
    let row = caseRow as CaseRow;
    const region = props.regionUnitId == null ? undefined : regions.get(props.regionUnitId);
    let known: KnownAtIntake | null = {
      history: intakeHistory.map((h) => ({ ...h, at: new Date(h.at), actorName: ctx.actor.displayName, actorUnitName: ctx.actor.unitName })),
      attachments: intakeAttachments.map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
      category,
      region: region ? { id: region.id, name: region.name } : null,
      rules: config.rules,
    };
    if (props.register && !registerNow) {
      // The lifecycle refuses registration here: the action runs and refuses (or, should it not, registers) as always.
      row = await transition(ctx, 'register', { caseId: row.id, version: row.version }, async () => ({ patch: { registeredAt: ctx.now } }));
      known = null;
    }
    let candidates = p.criteria ? found.get(p.index) ?? [] : null;
    if (candidates && p.criteria && config.duplicateWindowDays !== p.criteria.windowDays) {
      // The window setting changed since the copy was loaded: look again with the current one.
      candidates = await findCandidates(trx, ctx.actor, { ...p.criteria, windowDays: config.duplicateWindowDays });
    }
    const suggestedDuplicates = candidates
      ? rankDuplicates({
        dupText, phoneKey: props.citizenPhone ? phoneKey(props.citizenPhone) : null, regionUnitId: props.regionUnitId ?? null,
        place: p.place, lat: props.lat ?? null, lng: props.lng ?? null,
      }, candidates)
      : [];
    outcomes[p.index] = { ok: true, intake: { row, known, suggestedDuplicates } };
  }
  return outcomes;
}

type InsertedCase = CaseRow & { ord: number; intakeHistory: WrittenHistory[]; intakeAttachments: WrittenAttachment[] };

/**
 * The one INSERT … WITH of a batch: ids and numbers are taken in the order
 * of `rows`, then the cases, their history entries (create, and register when
 * registered at once), outbox events and attachments are written together.
 */
async function insertIntakes(trx: Trx, rows: Record<string, unknown>[]): Promise<Map<number, InsertedCase>> {
  const { rows: inserted } = await sql<InsertedCase>`
    WITH x AS MATERIALIZED (
      SELECT x.*, nextval(pg_get_serial_sequence('cases', 'id'))::int AS id,
             x.number_prefix || (SELECT lpad(s::text, greatest(6, length(s::text)), '0') FROM next_case_serial(x.year) AS s) AS number
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x (
               ord integer, number_prefix text, year integer, query_code text, channel text, type text, urgency text, title text, content text,
               citizen_name text, citizen_phone text, citizen_sex text, citizen_org text, confidential boolean, category_id integer,
               region_unit_id integer, address text, lat double precision, lng double precision, subject text, leader_key text, state text,
               version integer, received_at timestamptz, registered_at timestamptz, created_by integer, register_due_at timestamptz,
               deadline_policies jsonb, dup_text text, dup_place text, dup_bands integer[], search_doc text, now timestamptz, actor_unit_id integer, entries integer,
               created_data jsonb, created_payload jsonb, register_payload jsonb, attachments jsonb)
       ORDER BY x.ord
    ), c AS (
      INSERT INTO cases (id, number, query_code, channel, type, urgency, title, content, citizen_name, citizen_phone, citizen_sex, citizen_org,
                         confidential, category_id, region_unit_id, address, lat, lng, subject, leader_key, state, version, received_at,
                         registered_at, created_by, register_due_at, deadline_policies, dup_text, dup_place, dup_bands)
      SELECT id, number, query_code, channel, type, urgency, title, content, citizen_name, citizen_phone, citizen_sex, citizen_org,
             confidential, category_id, region_unit_id, address, lat, lng, subject, leader_key, state, version, received_at,
             registered_at, created_by, register_due_at, deadline_policies, dup_text, dup_place, dup_bands
        FROM x ORDER BY x.ord
      RETURNING *
    ), e (step, action, from_state, to_state, event_type) AS (
      VALUES (1, 'create', NULL::text, 'received', 'case.created'), (2, 'register', 'received', 'registered', 'case.register')
    ), h AS (
      INSERT INTO case_history (case_id, at, actor_user_id, actor_unit_id, action, from_state, to_state, note, data)
      SELECT x.id, x.now, x.created_by, x.actor_unit_id, e.action, e.from_state, e.to_state, NULL,
             CASE e.step WHEN 1 THEN x.created_data ELSE '{}'::jsonb END
        FROM x JOIN e ON e.step <= x.entries ORDER BY x.ord, e.step
      RETURNING id, case_id, at, action, from_state, to_state, note, data
    ), o AS (
      INSERT INTO outbox (event_type, case_id, payload, created_at)
      SELECT e.event_type, x.id, jsonb_build_object('number', x.number) || CASE e.step WHEN 1 THEN x.created_payload ELSE x.register_payload END, x.now
        FROM x JOIN e ON e.step <= x.entries ORDER BY x.ord, e.step
    ), a AS (
      INSERT INTO attachments (case_id, file_name, mime_type, size_bytes, sha256, uploaded_by)
      SELECT x.id, y.file_name, y.mime_type, y.size_bytes, y.sha256, x.created_by
        FROM x, jsonb_to_recordset(x.attachments) AS y (ord integer, file_name text, mime_type text, size_bytes integer, sha256 text)
       ORDER BY x.ord, y.ord
      RETURNING id, case_id, file_name, mime_type, size_bytes, sha256, created_at
    ), s AS (
      -- the search document (docs/search.md), in the same statement as the case
      INSERT INTO case_search (case_id, doc) SELECT x.id, x.search_doc::tsvector FROM x
    )
    SELECT x.ord, c.*,
           (SELECT coalesce(json_agg(json_build_object('id', h.id, 'at', h.at, 'action', h.action, 'from_state', h.from_state, 'to_state', h.to_state,
                                                       'note', h.note, 'data', h.data) ORDER BY h.id), '[]'::json) FROM h WHERE h.case_id = c.id) AS intake_history,
           (SELECT coalesce(json_agg(json_build_object('id', a.id, 'file_name', a.file_name, 'mime_type', a.mime_type, 'size_bytes', a.size_bytes,
                                                       'sha256', a.sha256, 'created_at', a.created_at) ORDER BY a.id), '[]'::json) FROM a WHERE a.case_id = c.id) AS intake_attachments
      FROM c JOIN x ON x.id = c.id`.execute(trx);
  return new Map(inserted.map((r) => [r.ord, r]));
}
