import { Type, type Static, type TSchema } from 'typebox';
import { CreateCaseBody } from '../case/case.schemas.ts';
import { callOutcomes } from './hotline.table.ts';

/** Request and response schemas of the hotline desk routes. */

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Enum = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 with a time zone, e.g. 2026-11-20T09:00:05+08:00' });
const Day = (description: string) => Type.String({ format: 'date', description });
/** As people and phone systems write numbers: digits, spaces, +, -, parentheses. Normalised by the server. */
const Phone = Type.String({ pattern: '^[0-9+\\-\\s().]{3,30}$', description: 'e.g. 13800138000, +86 138-0013-8000, 0359-1234567' });
const CallId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._:@-]+$', description: "the phone system's id of the call" });

export const PhoneParams = Type.Object({ phone: Phone });
export const TaskIdParams = Type.Object({ id: Id });

const { channel: _channel, citizenPhone: _phone, ...caseFields } = CreateCaseBody.properties;

export const DeskCaseBody = Type.Object({
  ...caseFields,
  citizenPhone: Type.Optional(Nullable(Phone)),
  register: Type.Optional(Type.Boolean({ description: 'register at once (登记); default true' })),
  callId: Type.Optional(CallId),
  answer: Type.Optional(Type.Object({
    knowledgeId: Type.Optional(Id),
    note: Type.Optional(Text(5000, 0)),
  }, { additionalProperties: false, description: '直接办结: answer at once and close; note defaults to the entry\'s answer' })),
}, { additionalProperties: false });
export type DeskCaseBody = Static<typeof DeskCaseBody>;

export const CallBody = Type.Object({
  callId: CallId,
  caller: Nullable(Phone),
  offeredAt: Instant,
  answeredAt: Type.Optional(Nullable(Instant)),
  endedAt: Type.Optional(Nullable(Instant)),
  agentUserId: Type.Optional(Nullable(Id)),
  outcome: Enum(callOutcomes),
  caseId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });
export type CallBody = Static<typeof CallBody>;

export const CallsQuery = Type.Object({
  from: Type.Optional(Day('first day (Asia/Shanghai) of offeredAt, inclusive')),
  to: Type.Optional(Day('last day (Asia/Shanghai) of offeredAt, inclusive')),
  outcome: Type.Optional(Enum(callOutcomes)),
  phone: Type.Optional(Phone),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

export const RateQuery = Type.Object({
  from: Day('first day (Asia/Shanghai) of offeredAt, inclusive'),
  to: Day('last day (Asia/Shanghai) of offeredAt, inclusive'),
});

export const TasksQuery = Type.Object({
  status: Type.Optional(Enum(['open', 'done'])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

export const TaskDoneBody = Type.Object({
  note: Text(2000, 1),
  caseId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false });

const CallerCase = Type.Object({
  id: Type.Integer(), number: Type.String(), title: Type.String(), state: Type.String(), stateLabel: Label,
  channel: Type.String(), channelLabel: Label, type: Type.String(), receivedAt: Type.Any(), closedAt: Type.Any(), leadUnit: Nullable(Ref),
});

export const CallerView = Type.Object({
  phone: Type.String({ description: 'the number as compared (digits, no +86)' }),
  lastName: Nullable(Type.String()),
  total: Type.Integer(),
  openCount: Type.Integer(),
  cases: Type.Array(CallerCase, { description: 'newest first, at most 50' }),
  recentCalls: Type.Array(Type.Object({ callId: Type.String(), offeredAt: Type.Any(), outcome: Type.String(), outcomeLabel: Label })),
  openCallbackTasks: Type.Array(Type.Object({ id: Type.Integer(), callId: Type.String(), dueAt: Type.Any() })),
});

export const CallView = Type.Object({
  callId: Type.String(), caller: Nullable(Type.String()), offeredAt: Type.Any(), answeredAt: Type.Any(), endedAt: Type.Any(),
  outcome: Type.String(), outcomeLabel: Label, waitSeconds: Nullable(Type.Number()), answeredWithin15s: Type.Boolean(),
  agent: Nullable(Ref), caseIds: Type.Array(Type.Integer()),
  callbackTask: Nullable(Type.Object({ id: Type.Integer(), status: Type.Any(), dueAt: Type.Any() })),
  createdAt: Type.Any(), updatedAt: Type.Any(),
});

export const CallList = Type.Object({ total: Type.Integer(), items: Type.Array(CallView) });

export const AnswerRateView = Type.Object({
  from: Type.String(), to: Type.String(), timezone: Type.String(),
  offered: Type.Integer(), answered: Type.Integer(), answeredWithin15s: Type.Integer(),
  abandoned: Type.Integer(), calledBack: Type.Integer(),
  connectionRate: Nullable(Type.Number({ description: '接通率 = answered ÷ offered; null when nothing was offered' })),
  answeredWithin15sRate: Nullable(Type.Number({ description: '15秒接通率 = answered within 15 s ÷ offered' })),
});

export const TaskView = Type.Object({
  id: Type.Integer(), callId: Type.String(), phone: Type.String(), createdAt: Type.Any(), dueAt: Type.Any(), overdue: Type.Boolean(),
  status: Type.String(), call: Type.Object({ offeredAt: Type.Any(), endedAt: Type.Any(), outcome: Type.String(), outcomeLabel: Label }),
  doneBy: Nullable(Ref), doneAt: Type.Any(), outcomeNote: Nullable(Type.String()), caseId: Nullable(Type.Integer()),
});

export const TaskList = Type.Object({ total: Type.Integer(), items: Type.Array(TaskView) });

export const CallRecorded = Type.Object({
  created: Type.Boolean({ description: 'true: a new call record; false: an existing one was updated' }),
  call: CallView,
  callbackTask: Nullable(TaskView),
});
