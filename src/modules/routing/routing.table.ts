import type { ColumnType, Generated } from 'kysely';

/** Trained classifiers (docs/routing.md): newest per kind is the one in use. */
export interface ClassifierModelTable {
  id: Generated<number>;
  kind: 'category' | 'unit';
  trainedAt: ColumnType<Date, Date, Date>;
  samples: number;
  labels: number;
  metrics: ColumnType<unknown, string | undefined, string>;
  /** gzip container of src/modules/classify/persistence.ts. */
  model: Buffer;
  sizeBytes: number;
  createdBy: number | null;
}

/** One automatic dispatch (自动派单) and why: the model's confidence against the threshold. */
export interface AutoDispatchTable {
  id: Generated<number>;
  caseId: number;
  /** The `dispatch` entry of case_history. */
  historyId: number | null;
  unitId: number;
  confidence: number;
  threshold: number;
  modelId: number | null;
  at: Date;
}

export interface RoutingTables {
  classifierModels: ClassifierModelTable;
  autoDispatches: AutoDispatchTable;
}
