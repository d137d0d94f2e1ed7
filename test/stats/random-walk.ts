import type { Db } from '../../src/db/database.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { allowedActions, resolutions, satisfactionLevels, type CaseAction } from '../../src/domain/lifecycle.ts';
import type { Ctx, SessionActor } from '../../src/http/context.ts';
import { archiveCase, closeCase, instructCase, recordCallback, rehandleCase, superviseCase, urgeCase } from '../../src/modules/case/case.callback.ts';
import {
  dispatchCase, overruleReturn, redispatchCase, replyUp, returnCase, signCase, subDispatchCase, submitInput,
} from '../../src/modules/case/case.dispatch.ts';
import { answerCase, createCase, mergeCase, registerCase, rejectCase } from '../../src/modules/case/case.intake.ts';
import { approveReply, draftReply, rejectDraft, sendBackReply, signOffReply } from '../../src/modules/case/case.reply.ts';
import * as cases from '../../src/modules/case/case.repository.ts';
import {
  approveExtension, approveSuspension, refuseExtension, refuseSuspension, requestExtension, requestSuspension, resumeCase,
} from '../../src/modules/deadline/deadline.commands.ts';
import { loadActorByUsername } from '../../src/modules/user/user.repository.ts';
import type { OrgTree } from '../support/factories.ts';

/**
 * A seeded random walk over the lifecycle: at each step a random case, a
 * random staff member among those who may act on it now (`allowedActions`),
 * one of their allowed actions, with plausible input, on a clock that moves
 * forward. Refusals the table cannot foresee (e.g. an extension asked after
 * the deadline) roll back, as they would for a user.
 */
export function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

const sideActions: readonly CaseAction[] = ['urge', 'supervise', 'instruct', 'archive'];
/** Actions that end a case early or turn it back: taken, but less often than the way forward. */
const detours: readonly CaseAction[] = ['reject', 'merge', 'answer', 'return', 'requestSuspension', 'sendBack', 'rejectDraft'];
const handlingUnits = ['dept.zjj', 'ca', 'ca.t1', 'ca.t1.v1', 'ca.t2', 'cb', 'cb.t1'];
const regions = ['ca', 'ca.t1', 'ca.t1.v1', 'ca.t2', 'cb', 'cb.t1'];

export interface Walker {
  now: Date;
  caseIds: number[];
  step(): Promise<{ action: string; ok: boolean } | null>;
  newCase(): Promise<void>;
}

export async function walker(db: Db, org: OrgTree, r: Rng, start: Date): Promise<Walker> {
  const usernames = ['op', 'disp', 'rev', 'sup', 'lead', 'admin', ...handlingUnits.flatMap((k) => [`${k}.h`, `${k}.head`])];
  const actors: SessionActor[] = [];
  for (const u of usernames) actors.push(await loadActorByUsername(db, u));
  const categories = (await db.selectFrom('categories').select('id').where('level', '=', 3).limit(12).execute()).map((c) => c.id);
  const units = await db.selectFrom('units').select(['id', 'parentId']).execute();
  const w: Walker = {
    now: start,
    caseIds: [],
    async newCase() {
      const at = w.now;
      const c = await db.transaction().execute((trx) => createCase(ctxOf(trx, actors[0], at), {
        channel: r.pick(['hotline', 'hotline', 'board', 'web', 'app']), type: r.pick(['complaint', 'inquiry', 'help', 'suggestion']),
        urgency: 'normal', title: `随机工单${w.caseIds.length}`, content: '随机生成的诉求内容', register: r.chance(0.5),
        categoryId: r.chance(0.8) ? r.pick(categories) : null, regionUnitId: r.chance(0.7) ? org.units[r.pick(regions)] : null,
        receivedAt: new Date(at.getTime() - r.int(3) * 3_600_000),
      }));
      w.caseIds.push(c.id);
    },
    async step() {
      w.now = new Date(w.now.getTime() + r.int(8 * 3_600_000));
      if (r.chance(0.07) || w.caseIds.length === 0) {
        await w.newCase();
        return { action: 'create', ok: true };
      }
      const caseId = r.pick(w.caseIds);
      const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
      const snapshot = cases.toSnapshot(row, await cases.loadAssignments(db, caseId), await cases.loadClockFlags(db, caseId));
      const options = actors.flatMap((a) => allowedActions(snapshot, a).map((action) => ({ a, action })));
      if (options.length === 0) return null;
      // One of the actions possible now (overseers' side actions seldom, so cases move on), then who takes it.
      const possible = [...new Set(options.map((o) => o.action))];
      const weighted = possible.flatMap((x) => (sideActions.includes(x) ? (r.chance(0.15) ? [x] : []) : detours.includes(x) ? [x] : [x, x, x, x]));
      const action = r.pick(weighted.length ? weighted : possible);
      const { a } = r.pick(options.filter((o) => o.action === action));
      const props = { caseId, version: row.version, note: '说明' };
      const run = command(action, props, a);
      try {
        await db.transaction().execute((trx) => run(ctxOf(trx, a, w.now)));
        return { action, ok: true };
      } catch (err) {
        if (err instanceof DomainError) return { action, ok: false };
        throw err;
      }
    },
  };

  function command(action: CaseAction, p: { caseId: number; version: number; note: string }, a: SessionActor): (ctx: Ctx) => Promise<unknown> {
    const unit = () => org.units[r.pick(handlingUnits)];
    switch (action) {
      case 'register': return (ctx) => registerCase(ctx, { ...p, categoryId: r.chance(0.5) ? r.pick(categories) : undefined, regionUnitId: r.chance(0.3) ? org.units[r.pick(regions)] : undefined });
      case 'reject': return (ctx) => rejectCase(ctx, { ...p, reasonCode: 'repeat' });
      case 'merge': return (ctx) => mergeCase(ctx, { ...p, intoCaseId: r.pick(w.caseIds.filter((id) => id !== p.caseId).concat([-1])) });
      case 'answer': return (ctx) => answerCase(ctx, p);
      case 'dispatch': case 'redispatch': {
        const lead = unit();
        const assist = r.chance(0.3) ? [unit()].filter((u) => u !== lead) : [];
        const fn = action === 'dispatch' ? dispatchCase : redispatchCase;
        return (ctx) => fn(ctx, { ...p, leadUnitId: lead, assistUnitIds: assist });
      }
      case 'overrule': return (ctx) => overruleReturn(ctx, p);
      case 'sign': return (ctx) => signCase(ctx, p);
      case 'return': return (ctx) => returnCase(ctx, p);
      case 'subDispatch': {
        const below = units.filter((u) => u.parentId === a.unitId).map((u) => u.id);
        return (ctx) => subDispatchCase(ctx, { ...p, unitIds: below.length ? [r.pick(below)] : [] });
      }
      case 'submitInput': return (ctx) => submitInput(ctx, p);
      case 'replyUp': return (ctx) => replyUp(ctx, p);
      case 'draftReply': return (ctx) => draftReply(ctx, p);
      case 'signOff': return (ctx) => signOffReply(ctx, p);
      case 'rejectDraft': return (ctx) => rejectDraft(ctx, p);
      case 'approve': return (ctx) => approveReply(ctx, p);
      case 'sendBack': return (ctx) => sendBackReply(ctx, p);
      case 'recordCallback': {
        const reached = r.chance(0.7);
        return (ctx) => recordCallback(ctx, { ...p, reached, ...(reached ? { resolution: r.pick(resolutions), satisfaction: r.pick(satisfactionLevels) } : {}) });
      }
      case 'rehandle': return (ctx) => rehandleCase(ctx, p);
      case 'close': return (ctx) => closeCase(ctx, p);
      case 'archive': return (ctx) => archiveCase(ctx, p);
      case 'urge': return (ctx) => urgeCase(ctx, p);
      case 'supervise': return (ctx) => superviseCase(ctx, p);
      case 'instruct': return (ctx) => instructCase(ctx, p);
      case 'requestExtension': return (ctx) => requestExtension(ctx, { ...p, days: 1 + r.int(5) });
      case 'approveExtension': return (ctx) => approveExtension(ctx, p);
      case 'refuseExtension': return (ctx) => refuseExtension(ctx, p);
      case 'requestSuspension': return (ctx) => requestSuspension(ctx, p);
      case 'approveSuspension': return (ctx) => approveSuspension(ctx, p);
      case 'refuseSuspension': return (ctx) => refuseSuspension(ctx, p);
      case 'resume': return (ctx) => resumeCase(ctx, p);
    }
  }
  return w;
}

export function ctxOf(trx: Ctx['trx'], actor: SessionActor, now: Date): Ctx {
  return { trx, actor, lang: 'zh', now, casePrefix: 'RW' };
}
