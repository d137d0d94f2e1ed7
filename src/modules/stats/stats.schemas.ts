import { Type, type TSchema } from 'typebox';
import { counterKeys, figureNames, kpis } from '../../domain/kpi.ts';
import { caseTypes, channels } from '../case/case.vocabulary.ts';
import { liveFigures } from './stats.drill.ts';

/** Request and response schemas of the statistics routes (validation and OpenAPI from one source). */

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Asia/Shanghai civil date, YYYY-MM-DD' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Enum = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Int = Type.Integer();

const sliceQuery = {
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  unitId: Type.Optional(Id),
  channel: Type.Optional(Enum(channels)),
  type: Type.Optional(Enum(caseTypes)),
  categoryId: Type.Optional(Id),
};

export const DashboardQuery = Type.Object({
  ...sliceQuery,
  regionId: Type.Optional(Id),
  bucket: Type.Optional(Enum(['day', 'week', 'month'])),
  categoryLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

export const LeagueQuery = Type.Object({
  ...sliceQuery,
  level: Type.Optional(Enum(['county', 'department', 'township'])),
  top: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  minVolume: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
});

export const DrillQuery = Type.Object({
  ...sliceQuery,
  regionId: Type.Optional(Id),
  metric: Enum([...figureNames, ...liveFigures]),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
});

const Period = Type.Object({ from: Type.String(), to: Type.String() });
const Filters = Type.Object({
  unitId: Nullable(Int), regionId: Nullable(Int), channel: Nullable(Type.String()), type: Nullable(Type.String()), categoryId: Nullable(Int),
});
const AsOf = Type.Object({
  at: Type.String(), projectedThrough: Nullable(Int), tailEntries: Int,
  exact: Type.Boolean({ description: 'false when the projector is far behind and its backlog was left out' }),
});
export const Counts = Type.Object(Object.fromEntries(counterKeys.map((k) => [k, Int])));
const Rate = Type.Object({ numerator: Int, denominator: Int, value: Nullable(Type.Number()) });
const Rates = Type.Object(Object.fromEntries(kpis.map((k) => [k.key, Rate])));
const Volume = { received: Int, accepted: Int };
const Category = Type.Object({
  categoryId: Int, name: Type.String(), fullName: Type.String(), level: Int,
  accepted: Int, previous: Int, change: Int, share: Nullable(Type.Number()),
});
const Region = Type.Object({ unitId: Int, parentId: Nullable(Int), key: Type.String(), name: Type.String(), ...Volume });

export const DashboardResponse = Type.Object({
  period: Period,
  previousPeriod: Period,
  filters: Filters,
  asOf: AsOf,
  volume: Type.Object({
    ...Volume, merged: Int, rejected: Int,
    byChannel: Type.Array(Type.Object({ channel: Type.String(), ...Volume })),
    byType: Type.Array(Type.Object({ type: Type.String(), ...Volume })),
  }),
  trend: Type.Object({
    bucket: Type.String(),
    points: Type.Array(Type.Object({ start: Type.String(), ...Volume, closed: Int })),
  }),
  topCategories: Type.Array(Category),
  risingCategories: Type.Array(Category),
  regions: Type.Object({ counties: Type.Array(Region), townships: Type.Array(Region), unlocated: Type.Object(Volume) }),
  tiles: Type.Array(Type.Object({
    key: Type.String(), zh: Type.String(), en: Type.String(), numerator: Int, denominator: Int, value: Nullable(Type.Number()),
    numeratorFigure: Type.String(), denominatorFigure: Type.String(),
  })),
  counts: Counts,
  overdue: Type.Object({ inPeriod: Int, openNow: Int }),
  supervised: Type.Object({ inPeriod: Int, openNow: Int }),
  openNow: Int,
  calls: Nullable(Type.Object({
    offered: Int, answered: Int, answeredWithin15s: Int, abandoned: Int, calledBack: Int,
    connectionRate: Rate, answeredWithin15sRate: Rate,
  })),
});

const LeagueBrief = Type.Object({ rank: Int, unitId: Int, name: Type.String(), score: Type.Number() });
export const LeagueResponse = Type.Object({
  period: Period,
  level: Type.String(),
  weights: Type.Record(Type.String(), Type.Number()),
  asOf: Type.Object({ projectedThrough: Nullable(Int), tailEntries: Int, exact: Type.Boolean() }),
  units: Type.Array(Type.Object({
    rank: Nullable(Int), unitId: Int, key: Type.String(), name: Type.String(), score: Nullable(Type.Number()),
    accepted: Int, assignments: Int, kpis: Rates, counts: Counts,
  })),
  red: Type.Array(LeagueBrief),
  black: Type.Array(LeagueBrief),
});

export const DrillResponse = Type.Object({
  figure: Type.String(),
  period: Period,
  filters: Filters,
  limit: Int,
  offset: Int,
  total: Type.Integer({ description: 'the figure itself: the sum of `count` over every page' }),
  hasMore: Type.Boolean({ description: 'another page follows' }),
  cases: Type.Array(Type.Object({
    id: Int, number: Type.String(), title: Type.String(), state: Type.String(),
    receivedAt: Type.String({ format: 'date-time' }), count: Int,
  })),
});

export const DefinitionsResponse = Type.Object({
  counters: Type.Array(Type.Object({ key: Type.String(), anchor: Type.String(), zh: Type.String(), en: Type.String(), definition: Type.String() })),
  kpis: Type.Array(Type.Object({
    key: Type.String(), zh: Type.String(), en: Type.String(), numerator: Type.String(), denominator: Type.String(),
    higherIsBetter: Type.Boolean(), note: Type.String(),
  })),
  derived: Type.Record(Type.String(), Type.Object({ plus: Type.Array(Type.String()), minus: Type.Optional(Type.Array(Type.String())) })),
});
