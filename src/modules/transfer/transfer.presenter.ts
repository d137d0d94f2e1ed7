import type { Queryable } from '../../db/database.ts';
import { renderProblem, type ProblemCode } from './transfer.problems.ts';
import { listProblems, type ImportRow } from './transfer.repository.ts';

/** What leaves the server about an import: its summary, mapping and row problems (messages in zh and en). */

export function presentImportSummary(row: ImportRow) {
  return {
    id: row.id,
    source: row.source,
    fileName: row.fileName,
    format: row.format,
    encoding: row.encoding,
    preset: row.preset,
    dryRun: row.dryRun,
    status: row.status,
    error: row.error,
    startedBy: { id: row.startedBy, username: row.startedByUsername, name: row.startedByName },
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
    counts: {
      rows: row.rowCount,
      imported: row.dryRun ? 0 : row.importedCount,
      wouldImport: row.dryRun ? row.importedCount : 0,
      skippedExisting: row.skippedExistingCount,
      invalid: row.invalidCount,
      problems: row.problemCount,
    },
  };
}

export async function presentImportReport(db: Queryable, row: ImportRow, page: { limit: number; offset: number }) {
  const problems = await listProblems(db, row.id, page.limit, page.offset);
  return {
    ...presentImportSummary(row),
    mapping: row.mapping,
    problemsOffset: page.offset,
    problems: problems.map((p) => {
      const view = { code: p.code as ProblemCode, params: p.params as Record<string, string | number> };
      return {
        row: p.rowNumber, column: p.columnName, field: p.field, code: view.code, severity: p.severity,
        message: { zh: renderProblem(view, 'zh'), en: renderProblem(view, 'en') },
      };
    }),
  };
}
export type ImportReportView = Awaited<ReturnType<typeof presentImportReport>>;
