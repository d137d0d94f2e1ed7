import { sql } from 'kysely';
import type { CaseRow } from '../../db/schema.ts';
import { invalidInput } from '../../domain/errors.ts';
import { decide, lifecycle, type CaseSnapshot } from '../../domain/lifecycle.ts';
import { duplicateText, placeText } from '../../domain/similarity.ts';
import type { Ctx } from '../../http/context.ts';
import { configSnapshot, peekConfig } from '../deadline/config.cache.ts';
import { dueFor, type DeadlineRules } from '../deadline/deadline.service.ts';
import { candidatesQuery, findCandidates, type CandidateRow } from '../duplicate/duplicate.repository.ts';
import { rankDuplicates, type SuggestedDuplicate } from '../duplicate/duplicate.service.ts';
import { phoneKey } from '../hotline/phone.ts';
import type { NewAppeal } from './case.intake.ts';
import { caseNumberSql, newQueryCode, shanghaiYear } from './case.numbering.ts';
import { transition } from './case.transition.ts';
import { caseTypes, channels, urgencies } from './case.vocabulary.ts';

/**
 * Intake (受理) in two statements, so that 7x24 intake waits on nothing but
 * a short trip to the database:
 *
 * 1. one SELECT reads the configuration version (the rules themselves come
 *    from the in-process copy, config.cache.ts), the region unit, and — when
 *    asked — the repeat candidates (duplicate.repository.ts);
 * 2. one INSERT … WITH takes the case number (a per-year sequence), writes
 *    the case, its history entries, its outbox events and its attachments.
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

const freshCase: CaseSnapshot = { state: 'received', assignments: [], callbackAttempts: 0, pendingExtension: false, suspension: 'none' };

/**
 * Takes in an appeal from any channel: number, query code, the register
 * deadline, one history entry and one outbox event (two of each when
 * registered at once), optionally the likely repeats.
 * @throws INVALID_INPUT for unknown vocabulary, category or region, half a location, or a future arrival.
 */
export async function takeInAppeal(ctx: Ctx, props: NewAppeal, opts: IntakeOptions = {}): Promise<Intake> {
  if (!channels.includes(props.channel)) throw invalidInput(`渠道无效：${props.channel}`, `unknown channel: ${props.channel}`);
  if (props.type && !caseTypes.includes(props.type)) throw invalidInput(`诉求类型无效：${props.type}`, `unknown type: ${props.type}`);
  if (props.urgency && !urgencies.includes(props.urgency)) throw invalidInput(`紧急程度无效：${props.urgency}`, `unknown urgency: ${props.urgency}`);
  const receivedAt = props.receivedAt ?? ctx.now;
  const regionUnitId = props.regionUnitId ?? null;
  const lat = props.lat ?? null;
  const lng = props.lng ?? null;
  const place = placeText(props.address);
  // The window is a constant of the query: take it from the copy held, and check that copy's version below.
  const held = opts.duplicates ? await (peekConfig(ctx.trx) ?? configSnapshot(ctx.trx)) : undefined;
  const criteria = { phone: props.citizenPhone ?? null, regionUnitId, lat, lng, place, at: receivedAt, windowDays: held?.duplicateWindowDays ?? 0 };
  const candidates = held ? candidatesQuery(ctx.trx, ctx.actor, criteria) : null;
  const { rows: [prep] } = await sql<{ configVersion: number; region: { id: number; name: string; kind: string } | null; candidates: CandidateRow[] | null }>`
    SELECT (SELECT version FROM config_version) AS config_version,
           ${regionUnitId === null ? sql`NULL::json` : sql`(SELECT json_build_object('id', id, 'name', name, 'kind', kind) FROM units WHERE id = ${regionUnitId})`} AS region,
           ${candidates ? sql`(SELECT coalesce(json_agg(d), '[]'::json) FROM (${candidates}) d)` : sql`NULL::json`} AS candidates`.execute(ctx.trx);
  const config = await configSnapshot(ctx.trx, Number(prep.configVersion));

  const categoryId = props.categoryId ?? null;
  const category = categoryId === null ? undefined : config.categories.get(categoryId);
  if (categoryId !== null && (!category || !category.active)) throw invalidInput(`分类 ${categoryId} 不存在`, `category ${categoryId} does not exist`);
  if (regionUnitId !== null && prep.region?.kind !== 'region') throw invalidInput(`区域 ${regionUnitId} 不存在`, `region ${regionUnitId} does not exist`);
  if ((lat === null) !== (lng === null)) throw invalidInput('经纬度须同时提供', 'give both latitude and longitude');
  if (receivedAt.getTime() > ctx.now.getTime() + 60_000) throw invalidInput('受理时间不能晚于现在', 'receivedAt cannot be in the future');

  const register = await dueFor(ctx.trx, config.rules, { type: props.type, urgency: props.urgency, channel: props.channel, categoryId }, 'register', receivedAt);
  const decision = props.register ? decide(freshCase, 'register', ctx.actor) : undefined;
  const registerNow = decision?.ok === true && lifecycle.register.note !== 'required';
  const title = props.title.trim();
  const content = props.content.trim();
  const dupText = duplicateText(title, content);
  const actorUserId = ctx.actor.userId;
  const attachments = (props.attachments ?? []).map((a, ord) => ({ ord, file_name: a.fileName, mime_type: a.mimeType, size_bytes: a.sizeBytes, sha256: a.sha256 ?? null }));
  const entries = registerNow ? 2 : 1;
  const createdPayload = { channel: props.channel, type: props.type, urgency: props.urgency, hasPhone: Boolean(props.citizenPhone) };
  const registerPayload = { from: 'received', to: 'registered', actorUserId, note: null };

  const { rows: [inserted] } = await sql<CaseRow & { intakeHistory: WrittenHistory[]; intakeAttachments: WrittenAttachment[] }>`
    WITH c AS (
      INSERT INTO cases (number, query_code, channel, type, urgency, title, content, citizen_name, citizen_phone, citizen_sex, citizen_org,
                         confidential, category_id, region_unit_id, address, lat, lng, subject, leader_key, state, version, received_at,
                         registered_at, created_by, register_due_at, deadline_policies, dup_text, dup_place)
      VALUES (${caseNumberSql(ctx.casePrefix, shanghaiYear(receivedAt))}, ${newQueryCode()}, ${props.channel}, ${props.type}, ${props.urgency},
              ${title}, ${content}, ${props.citizenName ?? null}, ${props.citizenPhone ?? null}, ${props.citizenSex ?? null}, ${props.citizenOrg ?? null},
              ${props.confidential ?? false}, ${categoryId}, ${regionUnitId}, ${props.address ?? null}, ${lat}, ${lng}, ${props.subject ?? null},
              ${props.leaderKey ?? null}, ${registerNow ? 'registered' : 'received'}, ${registerNow ? 2 : 1}, ${receivedAt},
              ${registerNow ? ctx.now : null}, ${actorUserId}, ${register.due}, ${JSON.stringify({ register: register.policy })}, ${dupText}, ${place})
      RETURNING *
    ), e (ord, action, from_state, to_state, data, event_type, payload) AS (
      VALUES (1, 'create', NULL::text, 'received', ${JSON.stringify({ channel: props.channel })}::jsonb, 'case.created', ${JSON.stringify(createdPayload)}::jsonb),
             (2, 'register', 'received', 'registered', '{}'::jsonb, 'case.register', ${JSON.stringify(registerPayload)}::jsonb)
    ), h AS (
      INSERT INTO case_history (case_id, at, actor_user_id, actor_unit_id, action, from_state, to_state, note, data)
      SELECT c.id, ${ctx.now}, ${actorUserId}, ${ctx.actor.unitId}, e.action, e.from_state, e.to_state, NULL, e.data
        FROM c, e WHERE e.ord <= ${entries} ORDER BY e.ord
      RETURNING id, at, action, from_state, to_state, note, data
    ), o AS (
      INSERT INTO outbox (event_type, case_id, payload, created_at)
      SELECT e.event_type, c.id, jsonb_build_object('number', c.number) || e.payload, ${ctx.now}
        FROM c, e WHERE e.ord <= ${entries} ORDER BY e.ord
    ), a AS (
      INSERT INTO attachments (case_id, file_name, mime_type, size_bytes, sha256, uploaded_by)
      SELECT c.id, x.file_name, x.mime_type, x.size_bytes, x.sha256, ${actorUserId}
        FROM c, jsonb_to_recordset(${JSON.stringify(attachments)}::jsonb) AS x (ord integer, file_name text, mime_type text, size_bytes integer, sha256 text)
       ORDER BY x.ord
      RETURNING id, file_name, mime_type, size_bytes, sha256, created_at
    )
    SELECT c.*,
           (SELECT coalesce(json_agg(h ORDER BY h.id), '[]'::json) FROM h) AS intake_history,
           (SELECT coalesce(json_agg(a ORDER BY a.id), '[]'::json) FROM a) AS intake_attachments
      FROM c`.execute(ctx.trx);
  const { intakeHistory, intakeAttachments, ...caseRow } = inserted;
  let row = caseRow as CaseRow;
  let known: KnownAtIntake | null = {
    history: intakeHistory.map((h) => ({ ...h, at: new Date(h.at), actorName: ctx.actor.displayName, actorUnitName: ctx.actor.unitName })),
    attachments: intakeAttachments.map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
    category: category && categoryId !== null ? { id: categoryId, fullName: category.fullName } : null,
    region: prep.region ? { id: prep.region.id, name: prep.region.name } : null,
    rules: config.rules,
  };
  if (props.register && !registerNow) {
    // The lifecycle refuses registration here: the action runs and refuses (or, should it not, registers) as always.
    row = await transition(ctx, 'register', { caseId: row.id, version: row.version }, async () => ({ patch: { registeredAt: ctx.now } }));
    known = null;
  }
  let found = prep.candidates;
  if (found && config.duplicateWindowDays !== criteria.windowDays) {
    // The window setting changed since the copy was loaded: look again with the current one.
    found = await findCandidates(ctx.trx, ctx.actor, { ...criteria, windowDays: config.duplicateWindowDays });
  }
  const suggestedDuplicates = found
    ? rankDuplicates({ dupText, phoneKey: props.citizenPhone ? phoneKey(props.citizenPhone) : null, regionUnitId, place, lat, lng }, found)
    : [];
  return { row, known, suggestedDuplicates };
}
