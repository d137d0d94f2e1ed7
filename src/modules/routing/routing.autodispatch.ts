import { sql } from 'kysely';
import type { CaseRow } from '../../db/schema.ts';
import type { Trx } from '../../db/database.ts';
import type { Ctx, SessionActor } from '../../http/context.ts';
import { readConfigVersion } from '../deadline/config.cache.ts';
import { dispatchCase } from '../case/case.dispatch.ts';
import { handlingUnits } from './routing.repository.ts';
import { modelById, routingStateAt } from './routing.cache.ts';

/**
 * Auto-dispatch (自动派单): off unless an administrator enables it. When on,
 * a case just registered goes to the unit model's top unit if — and only
 * if — that unit's confidence reaches the threshold and the unit can still
 * take cases. It is dispatched by the routing system account through the
 * ordinary `dispatch` action (same lifecycle rule, clocks, history and
 * outbox) with a note giving the confidence and threshold; auto_dispatches
 * records the same with the model id. Anything else leaves the case
 * registered for a person.
 */

export const ROUTING_USERNAME = 'system.routing';

/** The inactive, password-less dispatcher account that signs automatic dispatches (made on first use in the centre). */
async function routingActor(trx: Trx): Promise<SessionActor | undefined> {
  const find = () => trx.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unitId')
    .select(['u.id', 'u.username', 'u.displayName', 'n.id as unitId', 'n.path', 'n.kind', 'n.name'])
    .where('u.username', '=', ROUTING_USERNAME).executeTakeFirst();
  let row = await find();
  if (!row) {
    await sql`
      INSERT INTO users (username, display_name, unit_id, roles, password_hash, active)
      SELECT ${ROUTING_USERNAME}, '自动派单', u.id, ARRAY['dispatcher'], '!no-login', false
        FROM units u WHERE u.active AND u.kind = 'centre' ORDER BY u.level, u.id LIMIT 1
      ON CONFLICT (username) DO NOTHING`.execute(trx);
    row = await find();
  }
  if (!row) return undefined;
  return {
    userId: row.id, username: row.username, displayName: row.displayName, unitId: row.unitId, unitPath: row.path,
    unitKind: row.kind, unitName: row.name, roles: ['dispatcher'], citywide: true, hasSubUnits: false,
  };
}

/**
 * Dispatches a registered case automatically when the settings allow it
 * (see above); returns the case as it is afterwards.
 * @param version the config version read in this transaction, when known (saves a read).
 */
export async function autoDispatchIfConfident(ctx: Ctx, row: CaseRow, version?: number): Promise<CaseRow> {
  if (row.state !== 'registered') return row;
  const state = await routingStateAt(ctx.trx, version ?? (await readConfigVersion(ctx.trx)));
  const { enabled, threshold } = state.settings.autoDispatch;
  if (!enabled || state.unitModelId === null) return row;
  const model = await modelById(ctx.trx, state.unitModelId);
  const top = model?.classifier.predictTop({ title: row.title, detail: row.content }, 1)[0];
  if (!model || !top || top.confidence < threshold) return row;
  const unitId = Number(top.label);
  if (!(await handlingUnits(ctx.trx, [unitId])).has(unitId)) return row;
  const system = await routingActor(ctx.trx);
  if (!system) return row;
  const confidence = Math.round(top.confidence * 10_000) / 10_000;
  // No savepoint around it: batched intakes share one transaction, where a rollback to a savepoint would
  // undo the neighbours' statements too. The checks above leave nothing the dispatch rule would refuse.
  const dispatched = await dispatchCase({ ...ctx, actor: system }, {
    caseId: row.id, version: row.version, leadUnitId: unitId,
    note: `自动派单：置信度 ${(confidence * 100).toFixed(1)}%（阈值 ${(threshold * 100).toFixed(0)}%）`,
  });
  await sql`
    INSERT INTO auto_dispatches (case_id, history_id, unit_id, confidence, threshold, model_id, at)
    SELECT ${row.id}, (SELECT max(id) FROM case_history WHERE case_id = ${row.id} AND action = 'dispatch'),
           ${unitId}, ${confidence}, ${threshold}, ${model.id}, ${ctx.now}`.execute(ctx.trx);
  return dispatched;
}
