import type { ColumnType, Generated } from 'kysely';

/**
 * A published bulletin (定期通报): the figures as they stood when it was made,
 * and the XLSX made from them. Never updated: unique per (kind, period, unit).
 */
export interface BulletinTable {
  id: Generated<number>;
  kind: 'monthly' | 'quarterly';
  /** `2026-10` or `2026-Q3`. */
  period: string;
  unitId: number;
  generatedAt: Generated<Date>;
  /** Who asked for it; null for the schedule. */
  generatedBy: number | null;
  /** The BulletinData snapshot (bulletin.data.ts). */
  data: ColumnType<unknown, string, never>;
  xlsx: ColumnType<Buffer, Buffer, never>;
}
