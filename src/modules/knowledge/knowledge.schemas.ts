import { Type, type Static, type TSchema } from 'typebox';

/** Request and response schemas of the knowledge-base routes. */

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateText = (description: string) => Type.String({ format: 'date', description });
const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

export const EntryIdParams = Type.Object({ id: Id });

const fields = {
  categoryId: Type.Optional(Nullable(Id)),
  question: Text(200, 2),
  answer: Text(5000, 2),
  keywords: Type.Optional(Type.Array(Text(30, 1), { maxItems: 20 })),
  validFrom: Type.Optional(DateText("'YYYY-MM-DD' (Asia/Shanghai), shown from that day on; default today")),
  validTo: Type.Optional(Nullable(DateText("'YYYY-MM-DD' (Asia/Shanghai), inclusive; null: no end"))),
  active: Type.Optional(Type.Boolean()),
};

export const CreateEntryBody = Type.Object(fields, { additionalProperties: false });
export type CreateEntryBody = Static<typeof CreateEntryBody>;

export const UpdateEntryBody = Type.Object({
  version: Type.Integer({ minimum: 1, description: 'the version you read; 409 STALE_VERSION if someone changed it since' }),
  ...fields,
  question: Type.Optional(fields.question),
  answer: Type.Optional(fields.answer),
}, { additionalProperties: false });

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'words or a question, simplified or traditional characters' })),
  categoryId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'this category and those below it' })),
  includeExpired: Type.Optional(Type.Boolean({ description: 'also entries outside their validity dates today' })),
  includeInactive: Type.Optional(Type.Boolean({ description: 'also deactivated entries' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
});

export const EntryView = Type.Object({
  id: Type.Integer(), category: Nullable(Ref), question: Type.String(), answer: Type.String(),
  keywords: Type.Array(Type.String()), validFrom: Type.String(), validTo: Nullable(Type.String()),
  active: Type.Boolean(), usable: Type.Boolean(), useCount: Type.Integer(), version: Type.Integer(),
  createdBy: Nullable(Ref), updatedBy: Nullable(Ref), createdAt: Type.Any(), updatedAt: Type.Any(),
});

const Mark = Type.Array(Type.Integer(), { minItems: 2, maxItems: 2, description: '[start, end) in UTF-16 code units' });

export const SearchResponse = Type.Object({
  total: Type.Integer(),
  words: Type.Array(Type.String(), { description: 'the search words the query was cut into (simplified)' }),
  items: Type.Array(Type.Object({
    ...EntryView.properties,
    rank: Type.Number({ description: 'ts_rank of the match; 0 without q' }),
    highlight: Type.Object({
      question: Type.Array(Mark, { description: 'matched words in the question' }),
      snippet: Type.Object({ text: Type.String(), marks: Type.Array(Mark) }, { description: 'a passage of the answer around the matches' }),
    }),
  })),
});
