import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A hot topic (热点): a cluster of recent appeals about one problem at one place (src/domain/hottopics.ts). */
export interface HotTopicTable {
  id: Generated<number>;
  /** Place and main words, e.g. “丽发新城 · 搅拌站 噪音”. */
  label: string;
  place: string | null;
  /** The coarse region the members share (a unit path or a district named in the text). */
  region: string | null;
  regionUnitId: number | null;
  terms: string[];
  representativeIds: number[];
  size: number;
  firstAt: Timestamp;
  lastAt: Timestamp;
  active: Generated<boolean>;
  alertedAt: Timestamp | null;
  computedAt: Generated<Date>;
}

export interface HotTopicCaseTable {
  topicId: number;
  caseId: number;
  receivedAt: Timestamp;
}

export interface HotTopicSettingsTable {
  singleton: Generated<boolean>;
  value: ColumnType<unknown, string, string>;
  updatedBy: number | null;
  updatedAt: Generated<Date>;
}

export interface HotTopicTables {
  hotTopics: HotTopicTable;
  hotTopicCases: HotTopicCaseTable;
  hotTopicSettings: HotTopicSettingsTable;
}
