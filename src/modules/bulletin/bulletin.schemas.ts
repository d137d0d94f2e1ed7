import { Type, type TSchema } from 'typebox';

/** Request and response schemas of the bulletin routes. */

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Kind = Type.Union([Type.Literal('monthly'), Type.Literal('quarterly')]);

export const GenerateBody = Type.Object({
  period: Type.String({ maxLength: 20, description: '`2026-10` (month, 月报) or `2026-Q3` (quarter, 季报); must have ended' }),
  unitId: Type.Optional(Id),
}, { additionalProperties: false });

export const Summary = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  period: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  generatedAt: Type.String({ format: 'date-time' }),
  generatedBy: Nullable(Type.Integer()),
  accepted: Type.Integer(),
  closureRate: Nullable(Type.Number()),
  satisfactionRate: Nullable(Type.Number()),
  htmlUrl: Type.String(),
  xlsxUrl: Type.String(),
});

export const Generated = Type.Intersect([Summary, Type.Object({ created: Type.Boolean() })]);

export const ListQuery = Type.Object({
  kind: Type.Optional(Kind),
  unitId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
});

export const List = Type.Object({ items: Type.Array(Summary), hasMore: Type.Boolean() });

export const IdParams = Type.Object({ id: Id });
export const RenderQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])) });
/** The printable page also comes in traditional Chinese (the workbook's headers in zh or en). */
export const PageQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('zh-Hant'), Type.Literal('en')])) });
