import type { Generated } from 'kysely';

/** A configurable intake word: 'urgent' raises urgency to `level`, 'sensitive' flags for review. */
export interface IntakeWordTable {
  id: Generated<number>;
  list: 'urgent' | 'sensitive';
  word: string;
  normalized: string;
  level: 'urgent' | 'critical' | null;
  createdBy: number | null;
  createdAt: Generated<Date>;
}

export interface WordlistTables {
  intakeWords: IntakeWordTable;
}
