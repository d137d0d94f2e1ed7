import type { ColumnType } from 'kysely';

/** The search document of each case (docs/search.md); `doc` is a tsvector, read and written as its text form. */
export interface CaseSearchTable {
  caseId: number;
  doc: string;
  indexedAt: ColumnType<Date, Date | undefined, Date>;
}

/** Cases whose search document is to be rebuilt (after the migration, or by `minsheng search reindex`). */
export interface CaseSearchPendingTable {
  caseId: number;
}

export interface SearchTables {
  caseSearch: CaseSearchTable;
  caseSearchPending: CaseSearchPendingTable;
}
