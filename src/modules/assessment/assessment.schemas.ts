import { Type, type TSchema } from 'typebox';
import { appealKinds } from '../../domain/assessment.ts';
import { figureNames, kpis } from '../../domain/kpi.ts';
import { caseTypes, channels } from '../case/case.vocabulary.ts';

/** Request and response schemas of the assessment routes (docs/assessment.md). */

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Enum = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Points = Type.Number({ minimum: 0, maximum: 1000 });
const closed = { additionalProperties: false } as const;

/** The scheme as stored (assessment_schemes.config) and as an administrator sends it. */
export const SchemeConfig = Type.Object({
  indicators: Type.Array(Type.Object({
    kpi: Enum(kpis.map((k) => k.key)),
    weight: Points,
    target: Type.Number({ minimum: 0, maximum: 1, description: 'rate 0–1' }),
    rule: Type.Object({
      kind: Enum(['perPoint', 'allOrNothing']),
      points: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'points per percentage point (perPoint)' })),
    }, closed),
  }, closed), { maxItems: 30 }),
  deductions: Type.Array(Type.Object({ figure: Enum(figureNames), points: Points, cap: Type.Optional(Points) }, closed), { maxItems: 30 }),
  bonuses: Type.Optional(Type.Array(Type.Object({ figure: Enum(figureNames), points: Points, cap: Type.Optional(Points) }, closed), { maxItems: 30 })),
  exclusions: Type.Optional(Type.Object({
    categoryIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
    channels: Type.Optional(Type.Array(Enum(channels), { maxItems: 20 })),
    types: Type.Optional(Type.Array(Enum(caseTypes), { maxItems: 20 })),
  }, closed)),
}, closed);

export const SchemeBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), config: SchemeConfig }, closed);
export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

export const SchemeView = Type.Object({
  year: Type.Integer(),
  id: Nullable(Type.Integer()),
  name: Type.String(),
  source: Type.String({ description: 'stored | default' }),
  createdAt: Nullable(Type.String()),
  config: Type.Any(),
});

export const ScoresQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  level: Type.Optional(Enum(['county', 'township', 'department'])),
  parent: Type.Optional(Id),
});

const Reason = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });
const Fixed = Type.Object({ figure: Type.String(), count: Type.Integer(), pointsEach: Type.Number(), points: Type.Number(), reason: Reason });
export const UnitScoreView = Type.Object({
  unitId: Type.Integer(),
  key: Type.String(),
  name: Type.String(),
  rated: Type.Boolean(),
  total: Nullable(Type.Number()),
  rank: Nullable(Type.Integer()),
  maxPoints: Type.Number(),
  appealsAccepted: Type.Integer(),
  indicators: Type.Array(Type.Object({
    kpi: Type.String(), zh: Type.String(), en: Type.String(), weight: Type.Number(), target: Type.Number(), higherIsBetter: Type.Boolean(),
    numerator: Type.Integer(), denominator: Type.Integer(), value: Nullable(Type.Number()),
    points: Type.Number(), deduction: Type.Number(), reason: Reason, figure: Nullable(Type.String()),
  })),
  deductions: Type.Array(Fixed),
  bonuses: Type.Array(Fixed),
});

const Period = Type.Object({ from: Type.String(), to: Type.String() });
const AsOf = Type.Object({ projectedThrough: Type.Number(), tailEntries: Type.Integer(), exact: Type.Boolean() });
const SchemeRef = Type.Object({ year: Type.Integer(), id: Nullable(Type.Integer()), name: Type.String(), source: Type.String() });

export const ScoresResponse = Type.Object({
  year: Type.Integer(), month: Nullable(Type.Integer()), period: Period, level: Type.String(), parentId: Nullable(Type.Integer()),
  scheme: SchemeRef, asOf: AsOf, units: Type.Array(UnitScoreView),
});

export const BreakdownParams = Type.Object({ unitId: Id });
export const BreakdownQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
const DrillCase = Type.Object({ id: Type.Integer(), number: Type.String(), title: Type.String(), state: Type.String(), count: Type.Integer(), appealed: Type.Boolean() });
export const BreakdownResponse = Type.Object({
  year: Type.Integer(), month: Nullable(Type.Integer()), period: Period, scheme: SchemeRef, asOf: AsOf,
  unit: UnitScoreView,
  /** Per figure that cost points: the cases behind it (newest first, at most `limit`). */
  causes: Type.Array(Type.Object({ figure: Type.String(), source: Type.String(), total: Type.Integer(), hasMore: Type.Boolean(), cases: Type.Array(DrillCase) })),
});

export const AppealBody = Type.Object({
  caseId: Id,
  kind: Enum(appealKinds),
  reason: Type.String({ minLength: 1, maxLength: 2000 }),
}, closed);
export const DecideBody = Type.Object({
  decision: Enum(['accept', 'reject']),
  note: Type.String({ minLength: 1, maxLength: 2000 }),
}, closed);
export const AppealParams = Type.Object({ id: Id });
export const AppealsQuery = Type.Object({
  status: Type.Optional(Enum(['filed', 'accepted', 'rejected'])),
  caseId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export const AppealView = Type.Object({
  id: Type.Integer(), caseId: Type.Integer(), caseNumber: Type.String(), caseTitle: Type.String(),
  unitId: Type.Integer(), unitName: Type.String(), kind: Type.String(), reason: Type.String(), status: Type.String(),
  filedBy: Type.String(), filedAt: Type.String(),
  decidedBy: Nullable(Type.String()), decidedAt: Nullable(Type.String()), decisionNote: Nullable(Type.String()),
});
export const AppealsResponse = Type.Object({ appeals: Type.Array(AppealView) });
