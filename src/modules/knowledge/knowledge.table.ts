import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely table types of the knowledge base (知识库). */

/** A civil date ('YYYY-MM-DD', Asia/Shanghai); read it with to_char, never as a JS Date. */
type CivilDate = ColumnType<string, string, string>;
/** Written as a tsvector literal built by knowledge.text.ts; never read back as text by the app. */
type SearchVector = ColumnType<unknown, string, string>;

export interface KnowledgeEntryTable {
  id: Generated<number>;
  categoryId: number | null;
  question: string;
  answer: string;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  validFrom: CivilDate;
  validTo: CivilDate | null;
  active: Generated<boolean>;
  searchText: SearchVector;
  useCount: Generated<number>;
  version: Generated<number>;
  createdBy: number | null;
  createdAt: Generated<Date>;
  updatedBy: number | null;
  updatedAt: Generated<Date>;
}

/** Which entry answered which case (直接办结 from the knowledge base). */
export interface CaseKnowledgeUseTable {
  id: Generated<number>;
  caseId: number;
  knowledgeId: number;
  at: ColumnType<Date, Date | string, Date | string>;
  userId: number | null;
}

export type KnowledgeEntryRow = Selectable<KnowledgeEntryTable>;
