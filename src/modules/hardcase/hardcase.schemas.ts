import { Type, type Static, type TSchema } from 'typebox';
import { hardCaseKinds } from '../../domain/hardcase.ts';

/** Request and response schemas of the hard-case and ledger routes. */

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Enum = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const DateText = Type.String({ format: 'date', description: "'YYYY-MM-DD', Asia/Shanghai: due by the end of that day" });
const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

export const CaseIdParams = Type.Object({ id: Id });
export const MilestoneParams = Type.Object({ id: Id, mid: Id });

const Milestone = Type.Object({ title: Text(200, 1), dueDate: DateText }, { additionalProperties: false });

export const OpenBody = Type.Object({
  kind: Enum(hardCaseKinds),
  responsibleLeaderId: Id,
  plan: Text(5000, 1),
  leadUnitId: Id,
  memberUnitIds: Type.Optional(Type.Array(Id, { maxItems: 30 })),
  milestones: Type.Optional(Type.Array(Milestone, { maxItems: 50 })),
  note: Type.Optional(Text(2000)),
}, { additionalProperties: false });

export const MilestoneBody = Type.Object({ title: Text(200, 1), dueDate: DateText, note: Type.Optional(Text(2000)) }, { additionalProperties: false });
export const MilestoneDoneBody = Type.Object({ note: Type.Optional(Text(2000)) }, { additionalProperties: false });
export const ReportBody = Type.Object({ content: Text(5000, 1), milestoneId: Type.Optional(Id) }, { additionalProperties: false });
export const CloseOutBody = Type.Object({
  note: Type.Optional(Text(2000, 0)),
}, { additionalProperties: false, description: 'note: required while milestones are open (why it is closed out anyway)' });

export const HardCaseView = Type.Object({
  caseId: Type.Integer(), number: Type.String(), title: Type.String(), state: Type.String(),
  kind: Type.String(), kindLabel: Label, status: Type.String(), statusLabel: Label, plan: Type.String(),
  responsibleLeader: Ref,
  openedAt: Type.Any(),
  taskForce: Type.Array(Type.Object({ unitId: Type.Integer(), unitName: Type.String(), role: Type.String() })),
  milestones: Type.Array(Type.Object({
    id: Type.Integer(), title: Type.String(), dueDate: Type.String(), done: Type.Boolean(), overdue: Type.Boolean(),
  }, { additionalProperties: true })),
  reports: Type.Array(Type.Object({ id: Type.Integer(), content: Type.String(), unitName: Type.String(), authorName: Type.String() }, { additionalProperties: true })),
  allowedActions: Type.Array(Type.String()),
}, { additionalProperties: true });

export const LedgerQuery = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('hard'), Type.Literal('supervised')], {
    description: 'hard: every hard case (疑难 and 历史遗留); supervised: supervised cases that are not hard cases; all (default): both',
  })),
  overdueOnly: Type.Optional(Type.Boolean()),
  leaderId: Type.Optional(Id),
});
export type LedgerQuery = Static<typeof LedgerQuery>;

const LedgerItem = Type.Object({
  caseId: Type.Integer(), number: Type.String(), title: Type.String(),
  kind: Type.Union([Type.Literal('hard'), Type.Literal('supervised')]), hardCaseKind: Nullable(Type.String()), kindLabel: Label,
  hardCaseStatus: Nullable(Type.String()),
  responsibleLeader: Nullable(Ref), leadUnit: Nullable(Ref),
  daysSinceReceived: Type.Integer(), daysAsHardCase: Nullable(Type.Integer()),
  nextMilestone: Nullable(Type.Object({ id: Type.Integer(), title: Type.String(), dueDate: Type.String(), overdue: Type.Boolean() })),
  milestoneOverdue: Type.Boolean(), replyOverdue: Type.Boolean(), overdue: Type.Boolean(),
  urgeCount: Type.Integer(), supervised: Type.Boolean(), state: Type.String(), stateLabel: Label,
}, { additionalProperties: true });

export const LedgerResponse = Type.Object({
  today: Type.String(), total: Type.Integer(), items: Type.Array(LedgerItem),
}, { additionalProperties: true });
