import { Type, type TSchema } from 'typebox';

export { Type };
import { limitUnits, stages } from '../../domain/deadlines.ts';
import { caseTypes, channels, urgencies } from '../case/case.vocabulary.ts';
import { settingKeys } from './settings.schemas.ts';

/** Request and response schemas of the calendar, settings and time-limit routes. */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Instant = Type.String();
const Note = Type.String({ maxLength: 500 });
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

// Calendar
export const YearStatus = Type.Object({ year: Type.Integer(), confirmed: Type.Boolean(), source: Type.Enum(['package', 'override', 'none']) });
export const StatusQuery = Type.Object({ years: Type.Optional(Type.String({ pattern: '^\\d{4}(,\\d{4}){0,19}$' })) });
export const StatusResponse = Type.Object({
  years: Type.Array(YearStatus),
  packageYears: Type.Object({ from: Type.Integer(), to: Type.Integer() }),
  warnings: Type.Array(Type.Object({ year: Type.Integer(), code: Type.String(), message: Type.String() })),
});
export const Day = Type.Object({ date: Type.String(), workday: Type.Boolean(), name: Nullable(Type.String()), source: Type.Enum(['override', 'package', 'weekday']) });
export const DaysQuery = Type.Object({ from: DateString, to: DateString });
export const Override = Type.Object({
  date: Type.String(), kind: Type.Enum(['workday', 'holiday']), name: Nullable(Type.String()), createdBy: Nullable(Type.Integer()), createdAt: Instant,
});
export const OverridesQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
export const DateParams = Type.Object({ date: DateString });
export const OverrideBody = Type.Object(
  { kind: Type.Enum(['workday', 'holiday']), name: Type.Optional(Nullable(Type.String({ maxLength: 50 }))) },
  { additionalProperties: false },
);
export const OverrideChange = Type.Object({ override: Nullable(Override), day: Nullable(Day) });
export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
export const ConfirmBody = Type.Object({ note: Type.Optional(Nullable(Note)) }, { additionalProperties: false });
export const ConfirmResponse = Type.Object({
  year: Type.Integer(), confirmed: Type.Boolean(), source: Type.String(), note: Nullable(Type.String()), confirmedBy: Nullable(Type.Integer()), confirmedAt: Instant,
});

// Settings
export const SettingKeyParams = Type.Object({ key: Type.Enum(settingKeys) });
export const Setting = Type.Object({ key: Type.String(), value: Type.Unknown(), updatedBy: Nullable(Type.Integer()), updatedAt: Nullable(Instant) });
export const SettingBody = Type.Object({ value: Type.Unknown() }, { additionalProperties: false, required: ['value'] });

// Time limits
export const Policy = Type.Object({
  id: Type.Integer(), stage: Type.Enum(stages), caseType: Nullable(Type.String()), urgency: Nullable(Type.String()), channel: Nullable(Type.String()),
  categoryId: Nullable(Type.Integer()), amount: Type.Integer(), unit: Type.Enum(limitUnits), active: Type.Boolean(), note: Nullable(Type.String()),
  updatedBy: Nullable(Type.Integer()), updatedAt: Instant,
});
export const PolicyParams = Type.Object({ id: Id });
export const PolicyListQuery = Type.Object({ stage: Type.Optional(Type.Enum(stages)), includeInactive: Type.Optional(Type.Boolean()) });
export const NewPolicyBody = Type.Object({
  stage: Type.Enum(stages),
  caseType: Type.Optional(Nullable(Type.Enum(caseTypes))),
  urgency: Type.Optional(Nullable(Type.Enum(urgencies))),
  channel: Type.Optional(Nullable(Type.Enum(channels))),
  categoryId: Type.Optional(Nullable(Id)),
  amount: Type.Integer({ minimum: 1 }),
  unit: Type.Enum(limitUnits),
  note: Type.Optional(Nullable(Note)),
}, { additionalProperties: false });
export const PolicyPatchBody = Type.Object({
  amount: Type.Optional(Type.Integer({ minimum: 1 })),
  unit: Type.Optional(Type.Enum(limitUnits)),
  note: Type.Optional(Nullable(Note)),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 });
export const PreviewQuery = Type.Object({
  stage: Type.Enum(stages),
  type: Type.Enum(caseTypes),
  urgency: Type.Optional(Type.Enum(urgencies)),
  channel: Type.Optional(Type.Enum(channels)),
  categoryId: Type.Optional(Id),
  at: Type.Optional(Type.String({ format: 'date-time' })),
});
export const PreviewResponse = Type.Object({
  policy: Policy,
  applied: Type.Object({ policyId: Type.Integer(), stage: Type.String(), amount: Type.Integer(), unit: Type.String() }),
  categoryIds: Type.Array(Type.Integer()),
  start: Instant,
  due: Instant,
  dueDate: Type.String(),
});
