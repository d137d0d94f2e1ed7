import type { Ctx } from '../../http/context.ts';
import type { Intake } from '../case/case.create.ts';
import type { NewAppeal } from '../case/case.intake.ts';
import { peekConfig, readConfigVersion } from '../deadline/config.cache.ts';
import { wordListsAt } from './wordlist.cache.ts';
import { checkAppeal, type WordCheck } from './wordlist.rules.ts';

/**
 * The word check at intake, wrapped around `takeInAppeal` without adding a
 * round trip to the database:
 *
 * 1. Before the intake, the lists come from the in-process copy for the
 *    config version this process holds (deadline/config.cache.ts): an urgent
 *    word raises the appeal's urgency before it is written, so its deadlines
 *    follow the raised urgency.
 * 2. The intake reads the current config version in its first statement
 *    anyway. Afterwards that version is compared with the one used in 1; in
 *    the normal case they are equal and nothing more happens. Only when the
 *    configuration changed in between are the lists for the new version used
 *    (read once per process per change).
 * 3. Only when a word matched (or, rarely, the lists changed in between and
 *    the outcome differs) is the case row updated with what was found.
 */
export async function withIntakeWords(ctx: Ctx, appeal: NewAppeal, takeIn: (appeal: NewAppeal) => Promise<Intake>): Promise<Intake & { configVersion: number }> {
  const held = await peekConfig(ctx.trx)?.catch(() => undefined);
  const before = held ? checkAppeal(await wordListsAt(ctx.trx, held.version), appeal) : undefined;
  const intake = await takeIn(before ? { ...appeal, urgency: before.urgency } : appeal);
  const version = await versionReadBy(ctx, intake);
  const check: WordCheck = held?.version === version && before ? before : checkAppeal(await wordListsAt(ctx.trx, version), appeal);
  if (!check.hits && intake.row.urgency === check.urgency) return { ...intake, configVersion: version };
  const row = await ctx.trx.updateTable('cases')
    .set({ reviewFlagged: check.reviewFlagged, wordHits: check.hits ? JSON.stringify(check.hits) : null, urgency: check.urgency })
    .where('id', '=', intake.row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...intake, row, configVersion: version };
}

/**
 * The config version the intake's own statement read: the held copy is the
 * one intake just checked when it carries the very rules intake used
 * (`known.rules`); otherwise (a concurrent request swapped the copy) read it.
 */
async function versionReadBy(ctx: Ctx, intake: Intake): Promise<number> {
  const snapshot = await peekConfig(ctx.trx)?.catch(() => undefined);
  if (snapshot && intake.known && snapshot.rules === intake.known.rules) return snapshot.version;
  return readConfigVersion(ctx.trx);
}
