import { Type, type Static } from 'typebox';
import { fileEncodings, presetNames } from './transfer.mapping.ts';
import { problemCodes } from './transfer.problems.ts';
import { exportShapes } from './transfer.export.ts';

/** Request and response schemas of the import and export routes. */

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Labels = Type.Object({ zh: Type.String(), en: Type.String() });

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false, description: 'check every row and write nothing but the report' })),
  preset: Type.Optional(Type.Enum(presetNames)),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'namespace of the external ids; default: the preset name, else "import"' })),
  unknownCategory: Type.Optional(Type.Enum(['problem', 'empty'] as const)),
  format: Type.Optional(Type.Enum(['csv', 'xlsx'] as const)),
  encoding: Type.Optional(Type.Enum(fileEncodings)),
}, { additionalProperties: false });
export type ImportQuery = Static<typeof ImportQuery>;

/** The JSON alternative to a multipart upload: the file inline, as text (CSV) or base64 (either). */
export const ImportJsonBody = Type.Object({
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  content: Type.Optional(Type.String({ description: 'CSV text' })),
  contentBase64: Type.Optional(Type.String({ description: 'the file bytes (CSV or XLSX), base64' })),
  mapping: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'column mapping (docs/import-export.md)' })),
}, { additionalProperties: false });
export type ImportJsonBody = Static<typeof ImportJsonBody>;

export const ImportIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
export const ReportQuery = Type.Object({
  problemLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, default: 1000 })),
  problemOffset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
}, { additionalProperties: false });
export const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
}, { additionalProperties: false });

const Counts = Type.Object({
  rows: Type.Integer(),
  imported: Type.Integer({ description: 'cases created (0 in a dry run)' }),
  wouldImport: Type.Integer({ description: 'a dry run: rows a real run would import (0 otherwise)' }),
  skippedExisting: Type.Integer({ description: 'rows an earlier import of the same source already made into cases' }),
  invalid: Type.Integer({ description: 'rows with at least one error, not imported' }),
  problems: Type.Integer({ description: 'errors and warnings' }),
});

const Problem = Type.Object({
  row: Type.Integer({ description: 'as a spreadsheet numbers it: the header is row 1' }),
  column: Nullable(Type.String()),
  field: Nullable(Type.String()),
  code: Type.Enum(problemCodes),
  severity: Type.Enum(['error', 'warning'] as const),
  message: Labels,
});

const ImportSummary = {
  id: Type.Integer(),
  source: Type.String(),
  fileName: Type.String(),
  format: Type.String(),
  encoding: Nullable(Type.String()),
  preset: Nullable(Type.String()),
  dryRun: Type.Boolean(),
  status: Type.Enum(['running', 'done', 'failed'] as const),
  error: Nullable(Type.String()),
  startedBy: Type.Object({ id: Type.Integer(), username: Type.String(), name: Type.String() }),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  counts: Counts,
};

export const ImportReport = Type.Object({
  ...ImportSummary,
  mapping: Type.Unknown(),
  problems: Type.Array(Problem),
  problemsOffset: Type.Integer(),
});
export const ImportList = Type.Object({ items: Type.Array(Type.Object(ImportSummary)) });

export const ExportQuery = Type.Object({
  shape: Type.Optional(Type.Enum(exportShapes)),
  from: Type.Optional(Type.String({ maxLength: 40, description: "receivedAt from: 'YYYY-MM-DD' (a Shanghai day) or a time" })),
  to: Type.Optional(Type.String({ maxLength: 40, description: "receivedAt up to: 'YYYY-MM-DD' includes that day" })),
  state: Type.Optional(Type.String({ maxLength: 300, description: 'comma-separated states' })),
  citizen: Type.Optional(Type.Boolean({ default: false, description: "add the citizen's name, phone, sex and organisation (minsheng shape; permission export.personal)" })),
  bom: Type.Optional(Type.Boolean({ default: true, description: 'CSV: start with a UTF-8 BOM for Excel' })),
}, { additionalProperties: false });
export type ExportQuery = Static<typeof ExportQuery>;
