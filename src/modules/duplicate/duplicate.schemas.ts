import { Type } from 'typebox';

/** Request and response schemas of the repeat check (并单). */

export const SuggestedDuplicate = Type.Object({
  caseId: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  state: Type.String(),
  channel: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  score: Type.Number({ minimum: 0, maximum: 1, description: '1 − (1 − text)·(1 − 0.4·same phone)·(1 − 0.2·same place); docs/duplicates.md' }),
  textSimilarity: Type.Number({ minimum: 0, maximum: 1, description: 'character-bigram Dice of the normalised title + content' }),
  reasons: Type.Array(Type.Union([
    Type.Literal('same_phone'), Type.Literal('same_region'), Type.Literal('address_overlap'), Type.Literal('nearby'), Type.Literal('similar_text'),
  ])),
});

export const DuplicatesResponse = Type.Object({
  caseId: Type.Integer(),
  windowDays: Type.Integer(),
  items: Type.Array(SuggestedDuplicate, { maxItems: 5 }),
});

/** The 201 of POST /api/cases: the staff view of the new case and the likely repeats offered at intake. */
export const CreatedCaseView = Type.Object(
  {
    id: Type.Integer(), number: Type.String(), state: Type.String(), version: Type.Integer(),
    title: Type.String(), allowedActions: Type.Array(Type.String()),
    suggestedDuplicates: Type.Array(SuggestedDuplicate, { maxItems: 5 }),
  },
  { additionalProperties: true },
);

export const FiguresQuery = Type.Object({
  from: Type.String({ format: 'date-time', description: 'inclusive' }),
  to: Type.String({ format: 'date-time', description: 'exclusive' }),
});

export const ContactsAndCases = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  contacts: Type.Integer({ description: 'appeals received (来电来信), repeats included' }),
  cases: Type.Integer({ description: 'appeals received that were not merged into another (诉求件)' }),
});
