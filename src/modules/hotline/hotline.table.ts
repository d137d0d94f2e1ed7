import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely table types of the hotline desk: call records (话务记录), their cases, call-back tasks. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const callOutcomes = ['answered', 'abandoned', 'called_back'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export interface HotlineCallTable {
  callId: string;
  /** Normalised by phone.ts; null when the caller's number was withheld. */
  callerPhone: string | null;
  offeredAt: Timestamp;
  answeredAt: Timestamp | null;
  endedAt: Timestamp | null;
  agentUserId: number | null;
  outcome: CallOutcome;
  recordedBy: number | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface HotlineCallCaseTable {
  callId: string;
  caseId: number;
  linkedAt: Timestamp;
  linkedBy: number | null;
}

export interface CallbackTaskTable {
  id: Generated<number>;
  callId: string;
  phone: string;
  createdAt: Timestamp;
  dueAt: Timestamp;
  status: Generated<'open' | 'done'>;
  doneBy: number | null;
  doneAt: Timestamp | null;
  outcomeNote: string | null;
  caseId: number | null;
}

export type HotlineCallRow = Selectable<HotlineCallTable>;
export type CallbackTaskRow = Selectable<CallbackTaskTable>;
