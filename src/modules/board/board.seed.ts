import type { Db } from '../../db/database.ts';
import { ensureBoardIntakeUser } from './board.commands.ts';
import { keyHash } from './board.repository.ts';
import type { BoardDomain } from './board.vocabulary.ts';
import { maskName, redact } from './redact.ts';

/**
 * The boards of a city, made from its units (idempotent: existing keys are
 * left alone): the city party secretary and the mayor (`secretary`, `mayor`),
 * each county-level region's secretary and head (`<key>-secretary`,
 * `<key>-head`) — the keys `leaderBoards()` of the demo city uses as case
 * leader keys — and one board per city department (its unit key). Also makes
 * the board intake account, and publishes the demo's earlier board-channel
 * cases as board posts (moderated, redacted, with marks from their callbacks)
 * so the demo board is not empty.
 */
export async function seedBoards(db: Db): Promise<{ boards: number; posts: number }> {
  const root = await db.selectFrom('units').select(['id', 'name']).where('parentId', 'is', null).where('kind', '=', 'region').executeTakeFirst();
  if (!root) return { boards: 0, posts: 0 };
  const children = await db.selectFrom('units').select(['id', 'key', 'name', 'kind']).where('parentId', '=', root.id)
    .where('active', '=', true).where('kind', 'in', ['region', 'department']).orderBy('id').execute();
  const cityEn = englishPlace(root.name);
  const boards: Array<{ key: string; titleZh: string; titleEn: string; unitId: number; kind: 'leader' | 'department' }> = [
    { key: 'secretary', titleZh: `${root.name}委书记`, titleEn: `Party Secretary of ${cityEn}`, unitId: root.id, kind: 'leader' },
    { key: 'mayor', titleZh: `${root.name}市长`, titleEn: `Mayor of ${cityEn}`, unitId: root.id, kind: 'leader' },
  ];
  for (const c of children.filter((u) => u.kind === 'region')) {
    const head = c.name.endsWith('区') ? '区长' : c.name.endsWith('县') ? '县长' : '市长';
    const place = englishPlace(c.name);
    boards.push(
      { key: `${c.key}-secretary`, titleZh: `${c.name}委书记`, titleEn: `Party Secretary of ${place}`, unitId: c.id, kind: 'leader' },
      { key: `${c.key}-head`, titleZh: `${c.name}${head}`, titleEn: `${head === '市长' ? 'Mayor' : 'Head'} of ${place}`, unitId: c.id, kind: 'leader' },
    );
  }
  for (const d of children.filter((u) => u.kind === 'department')) {
    const suffix = d.key.replace(/^dept[-.]/, '');
    boards.push({ key: d.key.toLowerCase(), titleZh: d.name, titleEn: departmentsEn[suffix] ?? `Department: ${d.name}`, unitId: d.id, kind: 'department' });
  }
  await db.insertInto('boards').values(boards.map((b, i) => ({ ...b, sort: i + 1 })))
    .onConflict((oc) => oc.column('key').doNothing()).execute();
  await ensureBoardIntakeUser(db);
  return { boards: boards.length, posts: await publishDemoPosts(db) };
}

/** The demo's board-channel cases (made by the seed through the real commands) as published posts. */
async function publishDemoPosts(db: Db): Promise<number> {
  const rows = await db.selectFrom('cases as c')
    .innerJoin('boards as b', 'b.key', 'c.leaderKey')
    .leftJoin('categories as cat', 'cat.id', 'c.categoryId')
    .leftJoin('boardPosts as p', 'p.caseId', 'c.id')
    .select(['c.id', 'c.title', 'c.content', 'c.citizenName', 'c.receivedAt', 'c.state', 'c.resolution', 'c.satisfaction', 'c.closedAt', 'b.id as boardId', 'cat.fullName'])
    .where('c.channel', '=', 'board').where('p.id', 'is', null).where('c.state', 'not in', ['rejected', 'merged'])
    .orderBy('c.id').execute();
  if (!rows.length) return 0;
  const ipHash = keyHash('ip', 'demo-seed');
  await db.transaction().execute(async (trx) => {
    for (const c of rows) {
      const names = [c.citizenName];
      const title = [...c.title].slice(0, 40).join('');
      await trx.insertInto('boardPosts').values({
        boardId: c.boardId, caseId: c.id, domain: domainOf(c.fullName), displayName: maskName(c.citizenName ?? '网友'),
        originalTitle: c.title, originalContent: c.content, hiddenRemark: null,
        publishedTitle: redact(title, { names }), publishedContent: redact(c.content, { names }), status: 'published',
        ipHash, submittedAt: c.receivedAt, moderatedAt: new Date(c.receivedAt.getTime() + 2 * 3600_000),
        publishedAt: new Date(c.receivedAt.getTime() + 2 * 3600_000),
      }).execute();
      const sat = satisfactionMark[c.satisfaction ?? ''];
      if (sat && (c.state === 'closed' || c.state === 'archived') && c.closedAt) {
        const resolution = c.resolution === 'resolved' ? 5 : c.resolution === 'partly' ? 3 : 1;
        await trx.insertInto('boardRatings').values({
          caseId: c.id, resolution, attitude: sat, speed: Math.max(1, sat - (c.id % 3 === 0 ? 1 : 0)), comment: null, ratedAt: c.closedAt,
        }).onConflict((oc) => oc.column('caseId').doNothing()).execute();
      }
    }
  });
  return rows.length;
}

const satisfactionMark: Record<string, number> = {
  very_satisfied: 5, satisfied: 4, basically_satisfied: 3, dissatisfied: 2, very_dissatisfied: 1,
};

/** The board domain of a category path's first level (the demo taxonomy). */
function domainOf(fullName: string | null): BoardDomain {
  const top = fullName?.split('/')[0] ?? '';
  const map: Record<string, BoardDomain> = {
    城乡建设: 'construction', 环境保护: 'environment', 交通运输: 'transport', 教育文体: 'education', 卫生健康: 'health',
    劳动和社会保障: 'employment', 商贸旅游: 'tourism', 市场监管: 'business', 公安政法: 'security', 农村农业: 'agriculture',
    民政社区: 'government', 国土资源: 'construction', 政务服务: 'government',
  };
  return map[top] ?? 'other';
}

/** English names of the demo city's places (the fictional 安澜市); others keep their Chinese name. */
const placesEn: Record<string, string> = {
  安澜市: 'Anlan', 澜城区: 'Lancheng District', 清溪区: 'Qingxi District', 凤栖区: 'Fengqi District', 澜湾区: 'Lanwan District',
  临澜县: 'Linlan County', 白鹭县: 'Bailu County', 青岚县: 'Qinglan County', 禾丰县: 'Hefeng County', 梧川县: 'Wuchuan County',
  柳溪县: 'Liuxi County', 桐源县: 'Tongyuan County', 宁澜市: 'Ninglan', 鹤岭市: 'Heling',
};
const englishPlace = (zh: string) => placesEn[zh] ?? zh;

/** English names of the city departments, by the key suffix the demo city uses (`dept-zjj`). */
const departmentsEn: Record<string, string> = {
  zjj: 'Housing and Urban-Rural Development Bureau', cgj: 'Urban Management Bureau', sthjj: 'Ecology and Environment Bureau',
  jtysj: 'Transport Bureau', jyj: 'Education Bureau', wjw: 'Health Commission', rsj: 'Human Resources and Social Security Bureau',
  scjgj: 'Market Regulation Administration', gaj: 'Public Security Bureau', zrzyj: 'Natural Resources Bureau', swj: 'Water Affairs Bureau',
  mzj: 'Civil Affairs Bureau', nyncj: 'Agriculture and Rural Affairs Bureau', wlj: 'Culture and Tourism Bureau', ybj: 'Healthcare Security Bureau',
  xfj: 'Letters and Visits Bureau', swuj: 'Commerce Bureau', sfj: 'Justice Bureau', yjj: 'Emergency Management Bureau',
  zwfw: 'Government Services Administration',
};
