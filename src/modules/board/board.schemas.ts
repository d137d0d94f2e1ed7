import { Type, type Static, type TSchema } from 'typebox';
import { boardDomains, boardTypes, publicStates } from './board.vocabulary.ts';
import { langs } from './i18n/index.ts';

/**
 * Schemas of the board's JSON routes. The public responses are closed
 * (`additionalProperties: false`): the serializer drops any field not listed
 * here, a second guard behind the public presenter.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const closed = { additionalProperties: false } as const;

export const LangQuery = { lang: Type.Optional(Enum(langs)) };

export const PublicBoard = Type.Object({
  key: Type.String(),
  kind: Enum(['leader', 'department']),
  title: Type.String(),
  url: Type.String({ description: 'the HTML page' }),
  figures: Type.Object({
    messages: Type.Integer({ description: 'published posts' }),
    replies: Type.Integer({ description: 'published posts with an approved reply' }),
    replyRate: Nullable(Type.Number()),
    rated: Type.Integer(),
    satisfactionRate: Nullable(Type.Number({ description: 'ratings whose mean mark is at least 3, over ratings' })),
    averageMarks: Type.Object({ resolution: Nullable(Type.Number()), attitude: Nullable(Type.Number()), speed: Nullable(Type.Number()) }, closed),
  }, closed),
}, closed);

export const PublicPost = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  board: Type.Object({ key: Type.String(), title: Type.String() }, closed),
  type: Type.String(),
  typeLabel: Type.String(),
  domain: Type.String(),
  domainLabel: Type.String(),
  state: Enum(publicStates),
  stateLabel: Type.String(),
  region: Nullable(Type.Object({ key: Type.String(), name: Type.String() }, closed)),
  writer: Type.String({ description: 'the masked name, e.g. 陈**' }),
  title: Type.String({ description: 'as published (redacted)' }),
  content: Type.String({ description: 'as published (redacted)' }),
  submittedAt: Type.String({ format: 'date-time' }),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  images: Type.Array(Type.Object({ url: Type.String(), mimeType: Type.String() }, closed)),
  reply: Nullable(Type.Object({ content: Type.String(), unit: Nullable(Type.String()), at: Nullable(Type.String({ format: 'date-time' })) }, closed)),
  marks: Nullable(Type.Object({ resolution: Type.Integer(), attitude: Type.Integer(), speed: Type.Integer() }, closed)),
}, closed);

export const PostListQuery = Type.Object({
  ...LangQuery,
  board: Type.Optional(Type.String({ maxLength: 60 })),
  region: Type.Optional(Type.String({ maxLength: 60, description: 'a county-level region key (GET /api/units)' })),
  type: Type.Optional(Enum(boardTypes)),
  domain: Type.Optional(Enum(boardDomains)),
  state: Type.Optional(Enum(publicStates)),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});

export const PostListResponse = Type.Object({
  total: Type.Integer(), page: Type.Integer(), pages: Type.Integer(), items: Type.Array(PublicPost),
}, closed);

export const BoardKeyParams = Type.Object({ boardKey: Type.String({ maxLength: 60 }) });
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

export const ModerationQuery = Type.Object({
  status: Type.Optional(Enum(['pending', 'published', 'rejected'])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

export const StaffPost = Type.Object({
  id: Type.Integer(), caseId: Type.Integer(), caseNumber: Type.String(), status: Type.String(),
  original: Type.Object({ title: Type.String(), content: Type.String() }),
  published: Nullable(Type.Object({ title: Type.String(), content: Type.String() })),
}, { additionalProperties: true });

export const PublishBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'edited title; default the original' })),
  content: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, description: 'edited content; default the original' })),
  hideImages: Type.Optional(Type.Boolean({ description: 'keep the pictures off the public pages' })),
}, closed);

export const RejectBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, closed);

export const BannedWord = Type.Object({ id: Type.Integer(), word: Type.String(), createdAt: Type.String({ format: 'date-time' }) }, closed);
export const BannedWordBody = Type.Object({ word: Type.String({ minLength: 1, maxLength: 50 }) }, closed);
export type PostListQueryType = Static<typeof PostListQuery>;
