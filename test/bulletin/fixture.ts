import type { Db } from '../../src/db/database.ts';
import type { CaseRow } from '../../src/db/schema.ts';
import type { Ctx } from '../../src/http/context.ts';
import { closeCase, recordCallback, superviseCase } from '../../src/modules/case/case.callback.ts';
import { dispatchCase, signCase } from '../../src/modules/case/case.dispatch.ts';
import { answerCase, createCase } from '../../src/modules/case/case.intake.ts';
import { approveReply, draftReply, signOffReply } from '../../src/modules/case/case.reply.ts';
import { runAs } from '../support/commands.ts';
import type { OrgTree } from '../support/factories.ts';

/** An instant in Asia/Shanghai. */
export const sh = (local: string) => new Date(`${local}+08:00`);

/**
 * A hand-built September 2026 (and one August case), acted through the real
 * commands at chosen instants:
 *
 * P  08-10 inquiry, answered at intake (August: the previous month).
 * A  09-01 inquiry, answered at intake (直接办结; no unit).
 * D  09-02 complaint 物业 at 甲一村 → 甲县 (ca), signed, replied 09-03 (on time),
 *    callback: resolved, 满意 → closed.
 * E  09-03 complaint 噪声 at 乙一街道 → 乙区 (cb), signed, replied 09-04,
 *    callback: unresolved, 不满意 → callback review → closed.
 * F  09-04 complaint 噪声 at 甲二镇 → 甲县 (ca), signed, supervised 09-07, still open.
 *
 * September, whole city: received 4, accepted 4, closed 3 (办结率 75%),
 * closed after handling 2, both on time (按时办结率 100%), rated 2, satisfied 1
 * (满意率 50%), supervised 1. August: accepted 1, closed 1 (办结率 100%).
 * September, 甲县 (the cases it leads): D and F — accepted 2, closed 1 (50%),
 * rated 1, satisfied 1 (100%).
 */
export async function buildSeptember(db: Db, org: OrgTree, extra: Record<string, unknown> = {}) {
  const ids: Record<string, number> = {};
  const numbers: Record<string, string> = {};
  const cat = async (fullName: string) => (await db.selectFrom('categories').select('id').where('fullName', '=', fullName).executeTakeFirstOrThrow()).id;
  const catP = await cat('城乡建设/物业管理/物业服务质量');
  const catQ = await cat('环境保护/噪声污染/社会生活噪声');
  const act = async (name: string, user: string, at: string, fn: (ctx: Ctx, p: { caseId: number; version: number }) => Promise<CaseRow>) => {
    const { version } = await db.selectFrom('cases').select('version').where('id', '=', ids[name]).executeTakeFirstOrThrow();
    return runAs(db, user, sh(at), (ctx) => fn(ctx, { caseId: ids[name], version }));
  };
  const intake = async (name: string, at: string, props: Record<string, unknown> = {}) => {
    const c = await runAs(db, 'op', sh(at), (ctx) => createCase(ctx, {
      channel: 'hotline', type: 'complaint', urgency: 'normal', title: `工单${name}`, content: `工单${name}的内容`, register: true, receivedAt: sh(at), ...extra, ...props,
    } as Parameters<typeof createCase>[1]));
    ids[name] = c.id;
    numbers[name] = c.number;
  };
  const reply = async (name: string, unit: string, at: string) => {
    await act(name, `${unit}.h`, at, (ctx, p) => draftReply(ctx, { ...p, note: '答复内容' }));
    await act(name, `${unit}.head`, at, (ctx, p) => signOffReply(ctx, p));
    await act(name, 'rev', at, (ctx, p) => approveReply(ctx, p));
  };

  await intake('P', '2026-08-10T09:00:00', { type: 'inquiry', register: false });
  await act('P', 'op', '2026-08-10T09:05:00', (ctx, p) => answerCase(ctx, { ...p, note: '已答复' }));
  await intake('A', '2026-09-01T09:00:00', { type: 'inquiry', register: false });
  await act('A', 'op', '2026-09-01T09:05:00', (ctx, p) => answerCase(ctx, { ...p, note: '已答复' }));

  await intake('D', '2026-09-02T09:00:00', { categoryId: catP, regionUnitId: org.units['ca.t1.v1'] });
  await act('D', 'disp', '2026-09-02T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: org.units.ca }));
  await act('D', 'ca.h', '2026-09-02T11:00:00', (ctx, p) => signCase(ctx, p));
  await reply('D', 'ca', '2026-09-03T10:00:00');
  await act('D', 'rev', '2026-09-04T10:00:00', (ctx, p) => recordCallback(ctx, { ...p, reached: true, resolution: 'resolved', satisfaction: 'satisfied' }));

  await intake('E', '2026-09-03T09:00:00', { categoryId: catQ, regionUnitId: org.units['cb.t1'] });
  await act('E', 'disp', '2026-09-03T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: org.units.cb }));
  await act('E', 'cb.h', '2026-09-03T11:00:00', (ctx, p) => signCase(ctx, p));
  await reply('E', 'cb', '2026-09-04T10:00:00');
  await act('E', 'rev', '2026-09-07T10:00:00', (ctx, p) => recordCallback(ctx, { ...p, reached: true, resolution: 'unresolved', satisfaction: 'dissatisfied' }));
  await act('E', 'rev', '2026-09-07T11:00:00', (ctx, p) => closeCase(ctx, { ...p, note: '已尽力' }));

  await intake('F', '2026-09-04T09:00:00', { categoryId: catQ, regionUnitId: org.units['ca.t2'] });
  await act('F', 'disp', '2026-09-04T10:00:00', (ctx, p) => dispatchCase(ctx, { ...p, leadUnitId: org.units.ca }));
  await act('F', 'ca.h', '2026-09-04T11:00:00', (ctx, p) => signCase(ctx, p));
  await act('F', 'sup', '2026-09-07T10:00:00', (ctx, p) => superviseCase(ctx, p));

  return { ids, numbers, catP, catQ, intake, act };
}
