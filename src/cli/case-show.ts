import type { Db } from '../db/database.ts';
import { DomainError } from '../domain/errors.ts';
import { actionLabels, stateLabels, type CaseAction, type CaseState } from '../domain/lifecycle.ts';
import { loadHistory } from '../modules/case/case.repository.ts';
import { formatShanghai } from '../domain/calendar.ts';

/** Prints a case's state and its history, one line per entry. */
export async function showCase(db: Db, number: string) {
  const row = await db.selectFrom('cases').select(['id', 'number', 'title', 'state', 'version', 'channel', 'type']).where('number', '=', number).executeTakeFirst();
  if (!row) throw new DomainError('CASE_NOT_FOUND');
  const label = stateLabels[row.state as CaseState]?.zh ?? row.state;
  console.log(`${row.number}  ${row.title}`);
  console.log(`state: ${row.state} (${label})  version: ${row.version}  channel: ${row.channel}  type: ${row.type}`);
  console.log('history:');
  for (const h of await loadHistory(db, row.id)) {
    const action = h.action === 'create' ? '受理' : actionLabels[h.action as CaseAction]?.zh ?? h.action;
    const who = [h.actorName, h.actorUnitName].filter(Boolean).join(' / ');
    console.log(`  ${formatShanghai(h.at)}  ${h.action} (${action})  ${h.fromState ?? '-'} → ${h.toState}  ${who}${h.note ? `  「${h.note}」` : ''}`);
  }
}
