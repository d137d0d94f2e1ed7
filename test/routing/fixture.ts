import type { Db } from '../../src/db/database.ts';
import { dispatchCase } from '../../src/modules/case/case.dispatch.ts';
import { createCase } from '../../src/modules/case/case.intake.ts';
import { retrainModels } from '../../src/modules/routing/routing.training.ts';
import type { OrgTree } from '../support/factories.ts';
import { runAs } from '../support/commands.ts';

/**
 * A small history for the routing tests: three topics, each classified in
 * one category and dispatched to one unit, 18 cases each, written through
 * the ordinary intake and dispatch commands.
 */
export const topics = {
  property: {
    category: '城乡建设/物业管理/物业费收取', unit: 'dept.zjj',
    words: ['物业费', '物业公司', '物业服务', '收费标准', '业主', '电梯维修', '楼道卫生', '物业管理费', '小区保安', '公共维修基金'],
  },
  noise: {
    category: '环境保护/噪声污染/夜间施工噪声', unit: 'cb.t1',
    words: ['夜间施工', '噪音', '打桩', '无法休息', '工地', '机器轰鸣', '扰民', '深夜施工', '搅拌车', '施工噪声'],
  },
  bus: {
    category: '交通运输/公共交通/公交线路', unit: 'ca',
    words: ['公交车', '公交线路', '公交站点', '班次太少', '等车', '发车间隔', '公交司机', '末班车', '线路调整', '公交站台'],
  },
} as const;
export type Topic = keyof typeof topics;

const places = ['幸福小区', '滨河路', '人民街', '东城花园', '建设路', '阳光新村'];
const fillers = ['请有关部门尽快处理。', '希望尽快解决。', '已经反映多次没有结果。', '群众意见很大。'];

/** A message about `topic`, deterministic for `i`. */
export function messageAbout(topic: Topic, i: number) {
  const w = topics[topic].words;
  const pick = (k: number) => w[(i * 7 + k * 3) % w.length];
  return {
    title: `${places[i % places.length]}${pick(0)}${pick(1)}问题`,
    content: `${places[(i + 2) % places.length]}附近${pick(2)}，${pick(3)}，还有${pick(4)}的情况。${fillers[i % fillers.length]}`,
  };
}

export async function categoryIdOf(db: Db, fullName: string): Promise<number> {
  const row = await db.selectFrom('categories').select('id').where('fullName', '=', fullName).executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the history: intake, registration and dispatch of `perTopic` cases per topic. */
export async function writeHistory(db: Db, org: OrgTree, perTopic = 18) {
  for (const topic of Object.keys(topics) as Topic[]) {
    const categoryId = await categoryIdOf(db, topics[topic].category);
    for (let i = 0; i < perTopic; i++) {
      await runAs(db, 'disp', new Date(), async (ctx) => {
        const row = await createCase(ctx, { channel: 'hotline', type: 'complaint', urgency: 'normal', register: true, categoryId, ...messageAbout(topic, i) });
        await dispatchCase(ctx, { caseId: row.id, version: row.version, leadUnitId: org.units[topics[topic].unit] });
      });
    }
  }
}

export async function retrain(db: Db) {
  return db.transaction().execute((trx) => retrainModels(trx));
}
