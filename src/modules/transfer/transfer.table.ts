import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the import tables (migration 2026-11-27T08-00_imports). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

/** One run of a bulk import (dry or real), with its counts; see docs/import-export.md. */
export interface ImportTable {
  id: Generated<number>;
  source: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  preset: string | null;
  mapping: Json;
  dryRun: boolean;
  status: Generated<'running' | 'done' | 'failed'>;
  startedBy: number;
  startedAt: Timestamp;
  finishedAt: Timestamp | null;
  rowCount: Generated<number>;
  /** Cases created; in a dry run, the rows that would be imported. */
  importedCount: Generated<number>;
  skippedExistingCount: Generated<number>;
  invalidCount: Generated<number>;
  problemCount: Generated<number>;
  error: string | null;
}

export interface ImportProblemTable {
  id: Generated<number>;
  importId: number;
  rowNumber: number;
  columnName: string | null;
  field: string | null;
  code: string;
  severity: 'error' | 'warning';
  params: Json;
}

/** Which case an imported row became: (source, external id) is imported once. */
export interface ImportKeyTable {
  source: string;
  externalId: string;
  caseId: number;
  importId: number;
  createdAt: Generated<Date>;
}
