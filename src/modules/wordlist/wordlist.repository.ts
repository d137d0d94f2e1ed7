import type { Queryable } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ListedWord, WordList } from './wordlist.rules.ts';

/** Plain queries over the intake word lists (intake_words). */

export interface WordRow extends ListedWord {
  id: number;
  normalized: string;
  createdAt: Date;
}

export async function listWords(db: Queryable, list?: WordList): Promise<WordRow[]> {
  let q = db.selectFrom('intakeWords').select(['id', 'list', 'word', 'normalized', 'level', 'createdAt']);
  if (list) q = q.where('list', '=', list);
  return q.orderBy('list').orderBy('normalized').execute();
}

/** @throws CONFLICT when the list holds the same word already (after normalising). */
export async function insertWord(db: Queryable, w: ListedWord & { normalized: string }, userId: number): Promise<WordRow> {
  const row = await db.insertInto('intakeWords')
    .values({ list: w.list, word: w.word, normalized: w.normalized, level: w.level, createdBy: userId })
    .onConflict((oc) => oc.columns(['list', 'normalized']).doNothing())
    .returning(['id', 'list', 'word', 'normalized', 'level', 'createdAt'])
    .executeTakeFirst();
  if (!row) throw new DomainError('CONFLICT', { detail: `“${w.word}”已在列表中`, detail_en: `"${w.word}" is listed already` });
  return row;
}

/** @throws NOT_FOUND when there is no such word; CONFLICT when the change would duplicate another. */
export async function updateWord(db: Queryable, id: number, w: ListedWord & { normalized: string }): Promise<WordRow> {
  const clash = await db.selectFrom('intakeWords').select('id')
    .where('list', '=', w.list).where('normalized', '=', w.normalized).where('id', '<>', id).executeTakeFirst();
  if (clash) throw new DomainError('CONFLICT', { detail: `“${w.word}”已在列表中`, detail_en: `"${w.word}" is listed already` });
  const row = await db.updateTable('intakeWords')
    .set({ list: w.list, word: w.word, normalized: w.normalized, level: w.level })
    .where('id', '=', id)
    .returning(['id', 'list', 'word', 'normalized', 'level', 'createdAt'])
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** @throws NOT_FOUND when there is no such word. */
export async function deleteWord(db: Queryable, id: number): Promise<void> {
  const res = await db.deleteFrom('intakeWords').where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new DomainError('NOT_FOUND');
}
