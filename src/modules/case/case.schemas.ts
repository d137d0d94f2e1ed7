import { Type, type Static, type TSchema } from 'typebox';
import { resolutions, satisfactionLevels } from '../../domain/lifecycle.ts';
import { caseTypes, channels, urgencies } from './case.vocabulary.ts';

/** Request and response schemas of the case routes: validation and OpenAPI from one source. */

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Enum = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const CaseIdParams = Type.Object({ id: Id });

const classification = {
  type: Type.Optional(Enum(caseTypes)),
  categoryId: Type.Optional(Nullable(Id)),
  urgency: Type.Optional(Enum(urgencies)),
  regionUnitId: Type.Optional(Nullable(Id)),
  address: Type.Optional(Nullable(Text(200))),
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  subject: Type.Optional(Nullable(Text(200))),
};

export const CreateCaseBody = Type.Object(
  {
    channel: Enum(channels),
    title: Text(100, 2),
    content: Text(5000, 2),
    citizenName: Type.Optional(Nullable(Text(50))),
    citizenPhone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+\\-]{5,20}$' }))),
    citizenSex: Type.Optional(Nullable(Enum(['male', 'female', 'unknown']))),
    citizenOrg: Type.Optional(Nullable(Text(100))),
    confidential: Type.Optional(Type.Boolean()),
    leaderKey: Type.Optional(Nullable(Text(50))),
    attachments: Type.Optional(Type.Array(Type.Object({
      fileName: Text(200, 1), mimeType: Text(100, 1), sizeBytes: Type.Integer({ minimum: 0, maximum: 50 * 1024 * 1024 }),
      sha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
    }), { maxItems: 20 })),
    register: Type.Optional(Type.Boolean()),
    ...classification,
    type: Enum(caseTypes),
    urgency: Type.Optional(Enum(urgencies)),
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBody>;

const actionBase = { version: Type.Integer({ minimum: 1 }), note: Type.Optional(Text(5000)) };
const body = (extra: Record<string, TSchema> = {}) => Type.Object({ ...actionBase, ...extra }, { additionalProperties: false });

export const ActionBody = body();
export const RegisterBody = body({ ...classification, title: Type.Optional(Text(100, 2)), content: Type.Optional(Text(5000, 2)) });
export const RejectBody = body({ reasonCode: Text(50, 1) });
export const MergeBody = body({ intoCaseId: Id });
export const DispatchBody = body({ leadUnitId: Id, assistUnitIds: Type.Optional(Type.Array(Id, { maxItems: 20 })) });
export const SubDispatchBody = body({ unitIds: Type.Array(Id, { minItems: 1, maxItems: 20 }) });
export const ExtensionBody = body({ days: Type.Integer({ minimum: 1, maximum: 10, description: 'working days to add' }) });
export const CallbackBody = body({
  reached: Type.Boolean(),
  resolution: Type.Optional(Enum(resolutions)),
  satisfaction: Type.Optional(Enum(satisfactionLevels)),
});

/** Sortable list columns (`-` in front sorts descending); `nextDue` is the earliest running unit reply deadline. */
export const listSorts = ['receivedAt', 'number', 'urgency', 'state', 'nextDue'] as const;

export const ListQuery = Type.Object({
  state: Type.Optional(Type.String({ maxLength: 200, description: 'comma-separated states' })),
  urgency: Type.Optional(Enum(urgencies)),
  channel: Type.Optional(Enum(channels)),
  type: Type.Optional(Enum(caseTypes)),
  unitId: Type.Optional(Id),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'full-text search (docs/search.md): words of title, content, replies and notes, or part of a case number; results ranked' })),
  dueState: Type.Optional(Enum(['due_soon', 'overdue'])),
  supervised: Type.Optional(Type.Boolean()),
  mine: Type.Optional(Enum(['pending', 'signed'])),
  sort: Type.Optional(Enum(listSorts.flatMap((s) => [s, `-${s}`]))),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Any()) }),
});

/** The staff view of a case; the presenter decides the fields, this documents the main ones. */
export const CaseView = Type.Object(
  {
    id: Type.Integer(), number: Type.String(), state: Type.String(), version: Type.Integer(),
    title: Type.String(), allowedActions: Type.Array(Type.String()),
  },
  { additionalProperties: true },
);

export const CaseListResponse = Type.Object({
  total: Type.Integer(),
  /** True when more cases match than were counted (total is then a lower bound): with `q` beyond the ranked window, without it beyond 10,000. */
  totalCapped: Type.Optional(Type.Boolean()),
  items: Type.Array(Type.Object({ id: Type.Integer(), number: Type.String(), title: Type.String(), state: Type.String() }, { additionalProperties: true })),
});
