import type { Db } from './database.ts';
import { defaultTaxonomy } from '../demo/taxonomy.ts';

/**
 * The configurable lists a new installation starts with: reasons for not
 * accepting an appeal (不予受理) and the three-level category tree. Loaded
 * only into empty tables, so an administrator's edits are never overwritten.
 */
export const defaultRejectReasons = [
  { code: 'litigation', labelZh: '已进入诉讼、仲裁、行政复议程序', labelEn: 'Already in litigation, arbitration or administrative review' },
  { code: 'petition', labelZh: '已进入信访程序', labelEn: 'Already in the petition (xinfang) process' },
  { code: 'other_organ', labelZh: '属党委、人大、法院、检察院职责', labelEn: 'A matter for the party, people\'s congress, courts or procuratorate' },
  { code: 'state_secret', labelZh: '涉及国家秘密', labelEn: 'Involves state secrets' },
  { code: 'repeat', labelZh: '重复诉求且无新情况', labelEn: 'Repeat with no new facts' },
  { code: 'abusive', labelZh: '恶意骚扰或辱骂', labelEn: 'Abusive or malicious contact' },
  { code: 'no_content', labelZh: '诉求内容不清、无法办理', labelEn: 'Unclear content; nothing to act on' },
];

export async function loadReferenceData(db: Db) {
  await db.transaction().execute(async (trx) => {
    const reasons = await trx.selectFrom('rejectReasons').select('code').limit(1).execute();
    if (reasons.length === 0) await trx.insertInto('rejectReasons').values(defaultRejectReasons).execute();

    const cats = await trx.selectFrom('categories').select('id').limit(1).execute();
    if (cats.length > 0) return;
    const ids = new Map<string, number>();
    let sort = 0;
    for (const path of defaultTaxonomy) {
      for (let level = 1; level <= path.length; level++) {
        const fullName = path.slice(0, level).join('/');
        if (ids.has(fullName)) continue;
        const parentId = level > 1 ? ids.get(path.slice(0, level - 1).join('/'))! : null;
        const { id } = await trx.insertInto('categories')
          .values({ parentId, name: path[level - 1], level, fullName, sort: sort++ })
          .returning('id').executeTakeFirstOrThrow();
        ids.set(fullName, id);
      }
    }
  });
}
