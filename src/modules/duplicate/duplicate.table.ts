import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** An appeal merged into a case (并单): the citizen now follows the case it was merged into. */
export interface CaseContactTable {
  id: Generated<number>;
  /** The case the contact follows (the end of the merge chain). */
  caseId: number;
  /** The appeal that was merged; unique: an appeal is merged once. */
  mergedCaseId: number;
  channel: string;
  citizenName: string | null;
  citizenPhone: string | null;
  receivedAt: Timestamp;
}

/** One row: bumped by triggers on every change of read-mostly configuration (see config.cache.ts). */
export interface ConfigVersionTable {
  singleton: Generated<boolean>;
  version: number;
}
