import type { CaseAction, CaseState } from '../../../src/domain/lifecycle.ts';
import type { Role } from '../../../src/domain/roles.ts';

/** What the server sends: the shapes of the case, org and user presenters and routes. */

export interface Me {
  userId: number;
  username: string;
  displayName: string;
  unitId: number;
  unitName: string;
  roles: Role[];
  citywide: boolean;
}

export type DeadlineState = 'on_time' | 'due_soon' | 'overdue' | 'done' | 'paused' | 'unknown' | 'calendar_unconfirmed';

export interface Deadline {
  dueAt: string | null;
  state: DeadlineState;
  remainingWorkingHours?: number;
  unconfirmedYear?: number;
}

export interface CaseListItem {
  id: number;
  number: string;
  title: string;
  state: CaseState;
  channel: string;
  type: string;
  urgency: string;
  receivedAt: string;
  supervised: boolean;
  urgeCount: number;
  version: number;
  leadUnitName: string | null;
  nextDueAt?: string | null;
  nextDue?: Deadline | null;
  /** With a search (`q`): the title and a snippet, HTML-escaped, hits in <mark> (docs/search.md). */
  highlight?: { title: string; snippet: string };
}

export interface CaseList {
  total: number;
  /** With a search: more matches than counted (total is a lower bound). */
  totalCapped?: boolean;
  items: CaseListItem[];
}

export interface Assignment {
  id: number;
  unitId: number;
  unitName: string;
  role: 'lead' | 'assist' | 'sub';
  parentId: number | null;
  status: 'pending' | 'signed' | 'returned' | 'input_submitted' | 'replied' | 'withdrawn';
  round: number;
  dispatchedAt: string;
  signedAt: string | null;
  returnedAt: string | null;
  returnReason: string | null;
  inputContent: string | null;
  inputAt: string | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  pausedAt: string | null;
  extensionCount: number;
  signDeadline: Deadline | null;
  replyDeadline: Deadline | null;
}

export interface HistoryItem {
  id: number;
  at: string;
  action: string;
  fromState: string | null;
  toState: string;
  note: string | null;
  data: Record<string, unknown>;
  actorName: string | null;
  actorUnitName: string | null;
}

export interface CaseView {
  id: number;
  number: string;
  state: CaseState;
  version: number;
  channel: string;
  type: string;
  urgency: string;
  confidential: boolean;
  citizen: { name: string | null; phone: string | null; sex: string | null; organisation: string | null } | null;
  queryCode?: string;
  category: { id: number; name: string } | null;
  region: { id: number; name: string } | null;
  address: string | null;
  location: { lat: number; lng: number } | null;
  subject: string | null;
  title: string;
  content: string;
  leaderKey: string | null;
  leadUnitId: number | null;
  mergedIntoId: number | null;
  rejectReasonCode: string | null;
  directAnswer: string | null;
  flags: {
    supervised: boolean; listed: boolean; instructed: boolean; urgeCount: number; returnCount: number;
    rehandleCount: number; extensionCount: number; suspended: boolean;
  };
  deadlines: { register: Deadline | null; review: Deadline | null; callback: Deadline | null };
  extensions: Array<{ id: number; assignmentId: number; days: number; reason: string; status: string; requestedAt: string; decidedAt: string | null; decisionNote: string | null; oldDueAt: string | null; newDueAt: string | null }>;
  suspensions: Array<{ id: number; reason: string; status: string; requestedAt: string; startedAt: string | null; endedAt: string | null }>;
  reply: { content: string; unitId: number | null; at: string | null } | null;
  callback: { attempts: number; resolution: string | null; satisfaction: string | null };
  times: { receivedAt: string; registeredAt: string | null; dispatchedAt: string | null; closedAt: string | null; archivedAt: string | null };
  assignments: Assignment[];
  replies: Array<{ id: number; content: string; status: string; draftedAt: string; signedOffAt: string | null; reviewedAt: string | null; reviewNote: string | null; unitName: string }>;
  callbacks: Array<{ at: string; reached: boolean; resolution: string | null; satisfaction: string | null; note: string | null }>;
  attachments: Array<{ id: number; fileName: string; mimeType: string; sizeBytes: number; sha256: string | null; createdAt: string }>;
  history: HistoryItem[];
  allowedActions: CaseAction[];
}

export interface Unit {
  id: number;
  parentId: number | null;
  key: string;
  name: string;
  kind: string;
  level: number;
  active: boolean;
}

export interface Category {
  id: number;
  parentId: number | null;
  name: string;
  level: number;
  fullName: string;
}

export interface RejectReason {
  code: string;
  labelZh: string;
  labelEn: string;
}

export interface KnowledgeHit {
  id: number;
  question: string;
  answer: string;
  category: { id: number; name: string } | null;
  highlight?: { question: Array<[number, number]>; snippet: { text: string; marks: Array<[number, number]> } };
}

/** A stored bulletin (定期通报) as GET /api/bulletins lists it. */
export interface BulletinSummary {
  id: number;
  kind: 'monthly' | 'quarterly';
  period: string;
  unitId: number;
  unitName: string;
  generatedAt: string;
  generatedBy: number | null;
  accepted: number;
  closureRate: number | null;
  satisfactionRate: number | null;
  htmlUrl: string;
  xlsxUrl: string;
}

/** A hot topic (热点) as GET /api/hot-topics lists it: counts are of the appeals the reader may see. */
export interface HotTopicSummary {
  id: number;
  label: string;
  place: string | null;
  terms: string[];
  region: string | null;
  size: number;
  count: number;
  last24h: number;
  firstAt: string;
  lastAt: string;
  alertedAt: string | null;
  trend: { day: string; count: number }[];
  representatives: { caseId: number; title: string }[];
}

/** One hot topic and its visible appeals (GET /api/hot-topics/:id). */
export interface HotTopicDetail extends Omit<HotTopicSummary, 'count' | 'last24h' | 'trend' | 'representatives'> {
  cases: { id: number; number: string; title: string; channel: string; state: string; receivedAt: string }[];
}

/** A reply check (答复检查): score 0–100 and the reasons behind it. */
export interface ReplyCheck {
  score: number;
  reasons: { code: string; zh: string; en: string; weight: number }[];
  facts: { length: number; topicOverlap: number; substance: number; nearDuplicates: number };
}
