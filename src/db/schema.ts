import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Kysely's view of the tables (camelCase; the database uses snake_case).
 * Each module reads the tables it owns through its repository.
 */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface UnitTable {
  id: Generated<number>;
  parentId: number | null;
  key: string;
  name: string;
  kind: 'centre' | 'region' | 'department' | 'mediation';
  level: number;
  path: string;
  active: Generated<boolean>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface UnitHistoryTable {
  id: Generated<number>;
  unitId: number;
  at: Generated<Date>;
  actorUserId: number | null;
  action: string;
  before: Json | null;
  after: Json | null;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  unitId: number;
  roles: string[];
  passwordHash: string;
  active: Generated<boolean>;
  createdAt: Generated<Date>;
}

export interface SessionTable {
  tokenHash: string;
  userId: number;
  createdAt: Generated<Date>;
  expiresAt: Timestamp;
}

export interface CategoryTable {
  id: Generated<number>;
  parentId: number | null;
  name: string;
  level: number;
  fullName: string;
  active: Generated<boolean>;
  sort: Generated<number>;
}

export interface RejectReasonTable {
  code: string;
  labelZh: string;
  labelEn: string;
  active: Generated<boolean>;
}

export interface CounterTable {
  name: string;
  value: number;
}

export interface CaseTable {
  id: Generated<number>;
  number: string;
  queryCode: string;
  channel: string;
  citizenName: string | null;
  citizenPhone: string | null;
  citizenSex: string | null;
  citizenOrg: string | null;
  type: string;
  categoryId: number | null;
  urgency: string;
  confidential: Generated<boolean>;
  regionUnitId: number | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  subject: string | null;
  title: string;
  content: string;
  leaderKey: string | null;
  state: string;
  version: Generated<number>;
  leadUnitId: number | null;
  rejectReasonCode: string | null;
  mergedIntoId: number | null;
  directAnswer: string | null;
  supervised: Generated<boolean>;
  instructed: Generated<boolean>;
  urgeCount: Generated<number>;
  returnCount: Generated<number>;
  rehandleCount: Generated<number>;
  replyContent: string | null;
  replyUnitId: number | null;
  repliedAt: Timestamp | null;
  callbackAttempts: Generated<number>;
  resolution: string | null;
  satisfaction: string | null;
  receivedAt: Timestamp;
  registeredAt: Timestamp | null;
  dispatchedAt: Timestamp | null;
  closedAt: Timestamp | null;
  archivedAt: Timestamp | null;
  createdBy: number | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface CaseAssignmentTable {
  id: Generated<number>;
  caseId: number;
  unitId: number;
  role: 'lead' | 'assist' | 'sub';
  parentId: number | null;
  status: string;
  round: Generated<number>;
  dispatchedAt: Timestamp;
  dispatchedBy: number | null;
  signedAt: Timestamp | null;
  returnedAt: Timestamp | null;
  returnReason: string | null;
  inputContent: string | null;
  inputAt: Timestamp | null;
}

export interface CaseReplyTable {
  id: Generated<number>;
  caseId: number;
  unitId: number;
  content: string;
  status: string;
  draftedBy: number | null;
  draftedAt: Timestamp;
  signedOffBy: number | null;
  signedOffAt: Timestamp | null;
  reviewedBy: number | null;
  reviewedAt: Timestamp | null;
  reviewNote: string | null;
}

export interface CaseCallbackTable {
  id: Generated<number>;
  caseId: number;
  at: Timestamp;
  agentId: number | null;
  reached: boolean;
  resolution: string | null;
  satisfaction: string | null;
  note: string | null;
}

export interface CaseHistoryTable {
  id: Generated<number>;
  caseId: number;
  at: Timestamp;
  actorUserId: number | null;
  actorUnitId: number | null;
  action: string;
  fromState: string | null;
  toState: string;
  note: string | null;
  data: Json;
}

export interface AttachmentTable {
  id: Generated<number>;
  caseId: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string | null;
  uploadedBy: number | null;
  createdAt: Generated<Date>;
}

export interface OutboxTable {
  id: Generated<number>;
  eventType: string;
  caseId: number | null;
  payload: Json;
  createdAt: Generated<Date>;
  processedAt: Timestamp | null;
  attempts: Generated<number>;
  lastError: string | null;
}

export interface Database {
  units: UnitTable;
  unitHistory: UnitHistoryTable;
  users: UserTable;
  sessions: SessionTable;
  categories: CategoryTable;
  rejectReasons: RejectReasonTable;
  counters: CounterTable;
  cases: CaseTable;
  caseAssignments: CaseAssignmentTable;
  caseReplies: CaseReplyTable;
  caseCallbacks: CaseCallbackTable;
  caseHistory: CaseHistoryTable;
  attachments: AttachmentTable;
  outbox: OutboxTable;
}

export type CaseRow = Selectable<CaseTable>;
export type NewCase = Insertable<CaseTable>;
export type CaseUpdate = Updateable<CaseTable>;
export type AssignmentRow = Selectable<CaseAssignmentTable>;
export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;
