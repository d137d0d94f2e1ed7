import { sql } from 'kysely';
import type { Db, Trx } from '../db/database.ts';
import type { Resolution, Satisfaction } from '../domain/lifecycle.ts';
import type { Role } from '../domain/roles.ts';
import type { Ctx, SessionActor } from '../http/context.ts';
import { recordCallback, rehandleCase, superviseCase, urgeCase, instructCase, archiveCase, closeCase } from '../modules/case/case.callback.ts';
import { dispatchCase, redispatchCase, returnCase, signCase, subDispatchCase, replyUp, submitInput } from '../modules/case/case.dispatch.ts';
import { answerCase, createCase, mergeCase, registerCase, rejectCase } from '../modules/case/case.intake.ts';
import { approveReply, draftReply, sendBackReply, signOffReply } from '../modules/case/case.reply.ts';
import type { CaseRow } from '../db/schema.ts';
import { createUnit } from '../modules/org/org.commands.ts';
import { seedKnowledge } from '../modules/knowledge/knowledge.seed.ts';
import { seedBoards } from '../modules/board/board.seed.ts';
import { drawFictionalBoundaries } from '../modules/stats/stats.geo.ts';
import { computeHotTopics } from '../modules/hottopic/hottopic.job.ts';
import { retrainModels } from '../modules/routing/routing.training.ts';
import { hashPassword } from '../modules/user/password.ts';
import { createUser } from '../modules/user/user.commands.ts';
import { loadActor } from '../modules/user/user.repository.ts';
import { generateAppeals, suggestedLeadUnitKey, type AppealDraft } from './appeals.ts';
import { demoCity, indexCity, type UnitSpec } from './city.ts';
import { demoLogins as documentedLogins, demoPassword, demoStaff } from './people.ts';
import { createRng, type Rng } from './random.ts';

/**
 * Loads the demo city 安澜市 into an empty database: the unit tree, staff for
 * every role, and several thousand appeals whose histories are made by
 * driving the real lifecycle commands (never by inserting rows), with
 * realistic timestamps over the last twelve months.
 */
export interface SeedOptions {
  prefix: string;
  cases?: number;
  now?: Date;
  seed?: number;
  log?: (m: string) => void;
}

export async function seedDemoCity(db: Db, opts: SeedOptions): Promise<string> {
  const log = opts.log ?? (() => {});
  const existing = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (existing) throw new Error('The database already has units; the demo city loads only into an empty database.');
  const city = demoCity();
  const unitIds = await db.transaction().execute((trx) => createTree(trx, city));
  log(`  ${unitIds.size} units`);
  // The city is fictional: its counties and townships get invented, non-overlapping shapes for the dashboard map.
  log(`  ${await drawFictionalBoundaries(db, { seed: opts.seed ?? 2026 })} unit boundaries`);
  const passwordHash = await hashPassword(demoPassword);
  const staff = demoStaff(city);
  await db.transaction().execute(async (trx) => {
    for (const s of staff) {
      await createUser(trx, { username: s.username, displayName: s.displayName, unitId: unitIds.get(s.unitKey)!, roles: s.roles as Role[], passwordHash });
    }
  });
  log(`  ${staff.length} staff accounts`);
  log(`  ${await seedKnowledge(db, opts.now ?? new Date())} knowledge entries`);

  const now = opts.now ?? new Date();
  const drafts = generateAppeals(opts.seed ?? 2026, opts.cases ?? 2400, now);
  const world = await loadWorld(db, city, unitIds);
  const categoryIds = new Map(
    (await db.selectFrom('categories').select(['id', 'fullName']).execute()).map((c) => [c.fullName, c.id]),
  );
  let done = 0;
  const queue = drafts.map((d, i) => ({ d, i }));
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { d, i } = job;
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        await playCase(trx, world, d, categoryIds.get(d.category.join('/')) ?? null, createRng(i + 1), now, opts.prefix);
      });
      if (++done % 500 === 0) log(`  ${done} / ${drafts.length} appeals`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  // The demo's history is the past: only the last three days' events still reach staff and citizens.
  await db.updateTable('outbox').set({ processedAt: now }).where('processedAt', 'is', null)
    .where('createdAt', '<', new Date(now.getTime() - 3 * 24 * HOUR)).execute();
  // The Leader Message Board: boards per leader and department, the demo's board cases published.
  const board = await seedBoards(db);
  log(`  ${board.boards} message boards, ${board.posts} published posts`);
  // What leaders and dispatchers see on day one, made from the demo's own history (the jobs refresh them later).
  const topics = await db.transaction().execute((trx) => computeHotTopics(trx, now));
  log(`  ${topics.topics} hot topics`);
  for (const m of await retrainModels(db)) log(`  ${m.kind} suggestion model: ${m.trained ? `${m.samples} examples` : m.reason}`);
  const byState = await db.selectFrom('cases').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').orderBy('state').execute();
  return `${unitIds.size} units, ${staff.length} staff, ${drafts.length} appeals (${byState.map((s) => `${s.state} ${s.n}`).join(', ')})`;
}

/** The documented demo logins, for the start-up banner and the README. */
export function demoLogins() {
  return documentedLogins.map((l) => ({ username: l.username, description: `${l.title ?? ''} ${l.roles.join(',')} @ ${l.unitKey}`.trim() }));
}

async function createTree(trx: Trx, root: UnitSpec) {
  const ids = new Map<string, number>();
  const visit = async (u: UnitSpec, parentId: number | null) => {
    const row = await createUnit(trx, null, { key: u.key, name: u.name, kind: u.kind, parentId });
    ids.set(u.key, row.id);
    for (const child of u.children ?? []) await visit(child, row.id);
  };
  await visit(root, null);
  return ids;
}

interface World {
  actor(username: string): SessionActor;
  has(username: string): boolean;
  unitId(key: string): number;
  city: UnitSpec;
  index: ReturnType<typeof indexCity>;
}

async function loadWorld(db: Db, city: UnitSpec, unitIds: Map<string, number>): Promise<World> {
  const users = await db.selectFrom('users').select(['id', 'username']).execute();
  const actors = new Map<string, SessionActor>();
  for (const u of users) actors.set(u.username, (await loadActor(db, u.id))!);
  return {
    actor: (username) => {
      const a = actors.get(username);
      if (!a) throw new Error(`demo: no user ${username}`);
      return a;
    },
    has: (username) => actors.has(username),
    unitId: (key) => unitIds.get(key)!,
    city,
    index: indexCity(city),
  };
}

const HOUR = 3600_000;
type Outcome = 'received' | 'registered' | 'dispatched' | 'returned' | 'handling' | 'signoff' | 'reviewing'
  | 'callback' | 'callback_review' | 'closed' | 'archived' | 'rejected' | 'merged' | 'answered';

/** Where an appeal of this age stands today: old ones are finished, recent ones anywhere in the loop. */
function chooseOutcome(rng: Rng, d: AppealDraft, ageDays: number): Outcome {
  if (d.type === 'inquiry' && rng.chance(0.6)) return 'answered';
  if (rng.chance(0.03)) return 'rejected';
  if (rng.chance(0.03)) return 'merged';
  if (ageDays > 45) return rng.chance(0.7) ? 'archived' : 'closed';
  if (ageDays > 14) return rng.weighted(['closed', 'archived', 'callback', 'callback_review', 'handling'] as Outcome[], [50, 20, 12, 6, 12]);
  return rng.weighted(
    ['received', 'registered', 'dispatched', 'returned', 'handling', 'signoff', 'reviewing', 'callback', 'closed'] as Outcome[],
    [6, 8, 12, 4, 30, 6, 8, 10, 16],
  );
}

const order: Outcome[] = ['received', 'registered', 'dispatched', 'handling', 'signoff', 'reviewing', 'callback', 'closed', 'archived'];
const reaches = (target: Outcome, step: Outcome) => order.indexOf(target) >= order.indexOf(step);

const notYet = new Error('not yet');

/** Plays one appeal through the real commands up to its chosen outcome, with the clock moving forward. */
async function playCase(trx: Trx, w: World, d: AppealDraft, categoryId: number | null, rng: Rng, realNow: Date, prefix: string) {
  try {
    await playSteps(trx, w, d, categoryId, rng, realNow, prefix);
  } catch (err) {
    if (err !== notYet) throw err;
  }
}

async function playSteps(trx: Trx, w: World, d: AppealDraft, categoryId: number | null, rng: Rng, realNow: Date, prefix: string) {
  let clock = d.receivedAt.getTime();
  const ageDays = (realNow.getTime() - clock) / (24 * HOUR);
  const outcome = chooseOutcome(rng, d, ageDays);
  const ctxOf = (username: string, advanceHours: number): Ctx => {
    clock += advanceHours * HOUR * (0.5 + rng.next());
    // A step that would happen after today has not happened yet: the case stops where it is.
    if (clock > realNow.getTime() - 60_000) throw notYet;
    return { trx, actor: w.actor(username), lang: 'zh', now: new Date(clock), casePrefix: prefix };
  };
  let row: CaseRow;
  const v = () => ({ caseId: row.id, version: row.version });

  row = await createCase(ctxOf(d.channel === 'hotline' ? 'operator1' : 'operator2', 0), {
    channel: d.channel, type: d.type, urgency: d.urgency, title: d.title, content: d.content,
    citizenName: d.citizenName, citizenPhone: d.citizenPhone, confidential: d.confidential, subject: d.subject ?? null,
    regionUnitId: w.unitId(d.regionKey), address: d.address, leaderKey: d.leaderKey ?? null, categoryId, receivedAt: d.receivedAt,
  });
  if (outcome === 'received') return;
  if (outcome === 'answered') {
    await answerCase(ctxOf('operator1', 0.1), { ...v(), note: '已根据知识库答复来电人，来电人表示清楚。' });
    return;
  }
  if (outcome === 'rejected') {
    await rejectCase(ctxOf('operator1', 2), { ...v(), reasonCode: rng.pick(['litigation', 'petition', 'no_content', 'other_organ']), note: '已向诉求人说明原因。' });
    return;
  }
  if (outcome === 'merged') {
    const target = await trx.selectFrom('cases').select('id').where('id', '<', row.id).where('state', 'not in', ['merged', 'rejected'])
      .where('citizenPhone', '=', d.citizenPhone).orderBy('id', 'desc').limit(1).executeTakeFirst()
      ?? await trx.selectFrom('cases').select('id').where('id', '<', row.id).where('state', 'not in', ['merged', 'rejected']).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (target) {
      await mergeCase(ctxOf('operator2', 1), { ...v(), intoCaseId: target.id, note: '同一诉求重复来电，并入原工单。' });
      return;
    }
  }
  row = await registerCase(ctxOf('operator1', 0.5), v());
  if (outcome === 'registered') return;

  const leadKey = suggestedLeadUnitKey(d, w.city);
  const lead = w.has(`${leadKey}.handler`) ? leadKey : w.index.get(leadKey)?.countyKey ?? 'c01';
  const assistKeys = rng.chance(0.15) ? pickAssist(w, lead, rng) : [];
  // Some cases first go to the wrong unit, which returns them.
  const wrongFirst = outcome === 'returned' || rng.chance(0.06);
  const firstLead = wrongFirst ? otherCounty(w, lead, rng) : lead;
  row = await dispatchCase(ctxOf('dispatcher1', 1), { ...v(), leadUnitId: w.unitId(firstLead), assistUnitIds: wrongFirst ? [] : assistKeys.map(w.unitId) });
  if (wrongFirst) {
    row = await returnCase(ctxOf(`${firstLead}.handler`, 6), { ...v(), note: '经核实，该事项不属于本单位辖区或职责范围，请改派。' });
    if (outcome === 'returned') return;
    row = await redispatchCase(ctxOf('dispatcher1', 3), { ...v(), leadUnitId: w.unitId(lead), assistUnitIds: assistKeys.map(w.unitId) });
  }
  if (outcome === 'dispatched') return;

  row = await signCase(ctxOf(`${lead}.handler`, 4), v());
  for (const a of assistKeys) {
    row = await signCase(ctxOf(`${a}.handler`, 3), v());
    row = await submitInput(ctxOf(`${a}.handler`, 20), { ...v(), note: '我单位已配合开展现场核查，相关情况已反馈主办单位。' });
  }
  if (rng.chance(0.25)) {
    const township = w.index.get(d.regionKey)?.townshipKey;
    if (township && township !== lead && w.index.get(township)?.parentKey === lead && w.has(`${township}.handler`)) {
      row = await subDispatchCase(ctxOf(`${lead}.handler`, 2), { ...v(), unitIds: [w.unitId(township)] });
      row = await signCase(ctxOf(`${township}.handler`, 3), v());
      row = await replyUp(ctxOf(`${township}.handler`, 30), { ...v(), note: '已安排工作人员到现场核实处理，处理结果已报县级。' });
    }
  }
  if (rng.chance(0.08)) row = await urgeCase(ctxOf('supervisor1', 24), { ...v(), note: '请抓紧办理。' });
  if (rng.chance(0.04)) row = await superviseCase(ctxOf('supervisor1', 2), { ...v(), note: '群众反映强烈，列入督办。' });
  if (d.channel === 'board' && rng.chance(0.1)) row = await instructCase(ctxOf('leader1', 3), { ...v(), note: '请相关部门高度重视，尽快解决并答复群众。' });
  if (outcome === 'handling') return;

  const reply = replyText(d);
  row = await draftReply(ctxOf(`${lead}.handler`, 40), { ...v(), note: reply });
  if (outcome === 'signoff') return;
  row = await signOffReply(ctxOf(`${lead}.head`, 5), v());
  if (outcome === 'reviewing') return;
  if (rng.chance(0.08)) {
    row = await sendBackReply(ctxOf('reviewer1', 4), { ...v(), note: '答复未说明具体办理措施和时限，请补充。' });
    row = await draftReply(ctxOf(`${lead}.handler`, 20), { ...v(), note: `${reply}具体整改将在5个工作日内完成。` });
    row = await signOffReply(ctxOf(`${lead}.head`, 3), v());
  }
  row = await approveReply(ctxOf('reviewer1', 4), v());
  if (outcome === 'callback') return;

  if (rng.chance(0.1)) row = await recordCallback(ctxOf('reviewer1', 20), { ...v(), reached: false, note: '电话无人接听。' });
  const unhappy = rng.chance(0.07);
  if (unhappy || outcome === 'callback_review') {
    row = await recordCallback(ctxOf('reviewer1', 24), { ...v(), reached: true, resolution: 'unresolved', satisfaction: 'dissatisfied', note: '群众表示问题仍未解决。' });
    if (outcome === 'callback_review') return;
    row = await rehandleCase(ctxOf('reviewer1', 2), { ...v(), note: '经核实群众反映属实，退回重办。' });
    row = await draftReply(ctxOf(`${lead}.handler`, 48), { ...v(), note: `${reply}经再次现场督促，问题已整改到位。` });
    row = await signOffReply(ctxOf(`${lead}.head`, 4), v());
    row = await approveReply(ctxOf('reviewer1', 4), v());
  }
  const resolution: Resolution = rng.weighted(['resolved', 'partly', 'unresolved'] as Resolution[], [88, 9, 3]);
  const satisfaction: Satisfaction = rng.weighted(
    ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as Satisfaction[], [45, 35, 14, 4, 2],
  );
  row = await recordCallback(ctxOf('reviewer1', 24), { ...v(), reached: true, resolution, satisfaction });
  if (row.state === 'callback_review') row = await closeCase(ctxOf('reviewer1', 4), { ...v(), note: '经复核，诉求已依法依规答复，予以办结。' });
  if (outcome === 'archived') await archiveCase(ctxOf('reviewer1', 72), v());
}

function pickAssist(w: World, lead: string, rng: Rng): string[] {
  const departments = (w.city.children ?? []).filter((u) => u.kind === 'department' && u.key !== lead && w.has(`${u.key}.handler`));
  return departments.length ? [rng.pick(departments).key] : [];
}

function otherCounty(w: World, lead: string, rng: Rng): string {
  const counties = (w.city.children ?? []).filter((u) => u.kind === 'region' && u.key !== lead && u.key !== w.index.get(lead)?.countyKey);
  return rng.pick(counties).key;
}

function replyText(d: AppealDraft): string {
  return `您反映的“${d.title}”问题已收悉。我单位高度重视，已安排工作人员到${d.address}现场核实，` +
    `并责成相关责任方限期整改。目前问题已得到处理，后续将持续跟踪。如有疑问，请拨打12345热线咨询。感谢您对我们工作的监督和支持。`;
}
