import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { BoardTables } from '../modules/board/board.table.ts';
import type { CallbackTaskTable, HotlineCallCaseTable, HotlineCallTable } from '../modules/hotline/hotline.table.ts';
import type { CaseKnowledgeUseTable, KnowledgeEntryTable } from '../modules/knowledge/knowledge.table.ts';
import type { ImportKeyTable, ImportProblemTable, ImportTable } from '../modules/transfer/transfer.table.ts';
import type { CaseContactTable, ConfigVersionTable } from '../modules/duplicate/duplicate.table.ts';
import type { BulletinTable } from '../modules/bulletin/bulletin.table.ts';
import type { RoutingTables } from '../modules/routing/routing.table.ts';
import type { WordlistTables } from '../modules/wordlist/wordlist.table.ts';
import type { SearchTables } from '../modules/search/search.table.ts';
import type { HotTopicTables } from '../modules/hottopic/hottopic.table.ts';

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
  /** GeoJSON Polygon or MultiPolygon for the dashboard's map (region units); null = not drawn. */
  boundary: ColumnType<unknown, string | null | undefined, string | null>;
  /** `[x, y]` where the map labels the unit. */
  centroid: ColumnType<unknown, string | null | undefined, string | null>;
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

export interface UserHistoryTable {
  id: Generated<number>;
  userId: number;
  at: Generated<Date>;
  /** Null when done from the command line. */
  actorUserId: number | null;
  action: 'create' | 'change' | 'password';
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
  registerDueAt: Timestamp | null;
  reviewDueAt: Timestamp | null;
  callbackDueAt: Timestamp | null;
  deadlinePolicies: ColumnType<unknown, string | undefined, string>;
  suspended: Generated<boolean>;
  listed: Generated<boolean>;
  extensionCount: Generated<number>;
  /** The normalised head of title + content the duplicate check compares (src/domain/similarity.ts); null = recompute. */
  dupText: string | null;
  /** The normalised address (src/domain/similarity.ts); null = recompute from `address`. */
  dupPlace: string | null;
  /** MinHash band values of `dupText` (src/modules/duplicate/duplicate.signature.ts); null = not found by text. */
  dupBands: number[] | null;
  /** A sensitive word was found at intake: the case waits for a look (docs/routing.md). */
  reviewFlagged: Generated<boolean>;
  /** The intake words found: `{ urgent: string[], sensitive: string[], raisedFrom?: string }`; null = none. */
  wordHits: ColumnType<Record<string, unknown> | null, Record<string, unknown> | string | null | undefined, Record<string, unknown> | string | null>;
}

export interface CaseExtensionTable {
  id: Generated<number>;
  caseId: number;
  assignmentId: number;
  days: number;
  reason: string;
  status: 'requested' | 'approved' | 'refused';
  requestedBy: number | null;
  requestedAt: Timestamp;
  decidedBy: number | null;
  decidedAt: Timestamp | null;
  decisionNote: string | null;
  oldDueAt: Timestamp | null;
  newDueAt: Timestamp | null;
}

export interface CaseSuspensionTable {
  id: Generated<number>;
  caseId: number;
  reason: string;
  status: 'requested' | 'active' | 'refused' | 'ended';
  requestedBy: number | null;
  requestedAt: Timestamp;
  decidedBy: number | null;
  decidedAt: Timestamp | null;
  startedAt: Timestamp | null;
  endedAt: Timestamp | null;
  endedBy: number | null;
}

export interface DeadlineAlarmTable {
  id: Generated<number>;
  caseId: number;
  assignmentId: number;
  stage: 'sign' | 'reply';
  level: string;
  dueAt: Timestamp;
  fireAt: Timestamp;
  firedAt: Timestamp | null;
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
  signDueAt: Timestamp | null;
  replyDueAt: Timestamp | null;
  signPolicy: Json | null;
  replyPolicy: Json | null;
  pausedAt: Timestamp | null;
  extensionCount: Generated<number>;
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

/** 疑难、历史遗留 (理旧账): a case followed to closure by a named leader and a task force. */
export interface HardCaseTable {
  caseId: number;
  kind: 'hard' | 'legacy';
  responsibleLeaderId: number;
  plan: string;
  status: Generated<'open' | 'closed_out'>;
  openedBy: number;
  openedAt: Timestamp;
  closedOutAt: Timestamp | null;
  closedOutBy: number | null;
  closeOutNote: string | null;
}

/** The task force (专班) of a hard case: one lead unit and its members. */
export interface HardCaseUnitTable {
  caseId: number;
  unitId: number;
  role: 'lead' | 'member';
}

export interface HardCaseMilestoneTable {
  id: Generated<number>;
  caseId: number;
  title: string;
  /** A civil date in Asia/Shanghai; read it as text ('YYYY-MM-DD'), never as a JS Date. */
  dueDate: ColumnType<unknown, string, string>;
  doneAt: Timestamp | null;
  doneBy: number | null;
  sort: Generated<number>;
}

export interface HardCaseReportTable {
  id: Generated<number>;
  caseId: number;
  at: Timestamp;
  authorId: number;
  unitId: number;
  content: string;
  milestoneId: number | null;
}

/** In-app notifications for staff, made from outbox events (one per event and user). */
export interface NotificationTable {
  id: Generated<number>;
  userId: number;
  caseId: number | null;
  kind: string;
  title: string;
  body: string;
  /** What the texts were made from (templates.ts `NotificationFacts`), to show them in the reader's language; null for older rows. */
  facts: ColumnType<unknown, string | null | undefined, string | null>;
  createdAt: Generated<Date>;
  readAt: Timestamp | null;
  outboxId: number;
}

/** The SMS outbox: one row per message to send, delivered by the `sms-send` job. */
export interface SmsMessageTable {
  id: Generated<number>;
  outboxId: number | null;
  purpose: string;
  phone: string;
  body: string;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  /** `sending`: when the sender's lease ends; `pending` after a failure: not retried before then. */
  leaseUntil: Timestamp | null;
  lastError: string | null;
  createdAt: Generated<Date>;
  sentAt: Timestamp | null;
}

/** Admin corrections of the official calendar. `date` is read as text (to_char) by the calendar repository: pg would parse a date into a local-time Date. */
export interface CalendarOverrideTable {
  date: ColumnType<string, string, string>;
  kind: 'workday' | 'holiday';
  name: string | null;
  createdBy: number | null;
  createdAt: Generated<Date>;
}

export interface CalendarYearTable {
  year: number;
  note: string | null;
  confirmedBy: number | null;
  confirmedAt: Generated<Date>;
}

export interface SettingTable {
  key: string;
  value: Json;
  updatedBy: number | null;
  updatedAt: Generated<Date>;
}

export interface TimeLimitPolicyTable {
  id: Generated<number>;
  stage: 'register' | 'sign' | 'reply' | 'review' | 'callback';
  caseType: string | null;
  urgency: string | null;
  channel: string | null;
  categoryId: number | null;
  amount: number;
  unit: 'workdays' | 'hours' | 'minutes';
  active: Generated<boolean>;
  note: string | null;
  updatedBy: number | null;
  updatedAt: Generated<Date>;
}

export interface Database extends BoardTables, RoutingTables, WordlistTables, SearchTables, HotTopicTables {
  units: UnitTable;
  unitHistory: UnitHistoryTable;
  userHistory: UserHistoryTable;
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
  notifications: NotificationTable;
  smsMessages: SmsMessageTable;
  hardCases: HardCaseTable;
  hardCaseUnits: HardCaseUnitTable;
  hardCaseMilestones: HardCaseMilestoneTable;
  hardCaseReports: HardCaseReportTable;
  caseExtensions: CaseExtensionTable;
  caseSuspensions: CaseSuspensionTable;
  deadlineAlarms: DeadlineAlarmTable;
  calendarOverrides: CalendarOverrideTable;
  calendarYears: CalendarYearTable;
  settings: SettingTable;
  timeLimitPolicies: TimeLimitPolicyTable;
  imports: ImportTable;
  importProblems: ImportProblemTable;
  importKeys: ImportKeyTable;
  apiKeys: ApiKeyTable;
  apiKeyUsage: ApiKeyUsageTable;
  open311Requests: Open311RequestTable;
  knowledgeEntries: KnowledgeEntryTable;
  caseKnowledgeUses: CaseKnowledgeUseTable;
  hotlineCalls: HotlineCallTable;
  hotlineCallCases: HotlineCallCaseTable;
  callbackTasks: CallbackTaskTable;
  caseContacts: CaseContactTable;
  configVersion: ConfigVersionTable;
  bulletins: BulletinTable;
  openDataKey: { id: ColumnType<boolean, boolean | undefined, never>; secret: string };
  assessmentSchemes: AssessmentSchemeTable;
  assessmentAppeals: AssessmentAppealTable;
}

/** Keys of Open311 clients: only the SHA-256 of a key is stored; `prefix` (its first 8 characters) names it in listings. */
export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  keyHash: string;
  prefix: string;
  rateLimitPerMinute: Generated<number>;
  createdAt: Generated<Date>;
  createdBy: number | null;
  revokedAt: Timestamp | null;
  lastUsedAt: Timestamp | null;
}

/** Requests per key and minute, shared by every app process (the rate limit). */
export interface ApiKeyUsageTable {
  apiKeyId: number;
  minute: Timestamp;
  count: number;
}

/** What an Open311 request carries beyond its case; `email`, `deviceId`, `accountId` are never returned by a GET. */
export interface Open311RequestTable {
  caseId: number;
  apiKeyId: number;
  token: string;
  categoryId: number;
  publicDescription: string | null;
  addressString: string | null;
  addressId: string | null;
  lat: number | null;
  lng: number | null;
  mediaUrl: string | null;
  email: string | null;
  deviceId: string | null;
  accountId: string | null;
  attributes: ColumnType<unknown, string | undefined, string>;
}

export type CaseRow = Selectable<CaseTable>;
export type NewCase = Insertable<CaseTable>;
export type CaseUpdate = Updateable<CaseTable>;
export type AssignmentRow = Selectable<CaseAssignmentTable>;
export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<UserTable>;

/** A year's assessment scheme (年度考核方案, docs/assessment.md); `config` is validated by src/modules/assessment on write. */
export interface AssessmentSchemeTable {
  id: Generated<number>;
  year: number;
  name: string;
  config: ColumnType<unknown, string, string>;
  active: Generated<boolean>;
  createdBy: number | null;
  createdAt: Generated<Date>;
}

/** A unit's appeal (考核申诉) about how one case counts, and the centre's decision. */
export interface AssessmentAppealTable {
  id: Generated<number>;
  caseId: number;
  unitId: number;
  kind: string;
  reason: string;
  status: Generated<'filed' | 'accepted' | 'rejected'>;
  filedBy: number;
  filedAt: Generated<Date>;
  decidedBy: number | null;
  decidedAt: Timestamp | null;
  decisionNote: string | null;
}
