import type { Readable } from 'node:stream';
import type { Db, Trx } from '../../db/database.ts';
import { DomainError, invalidInput, renderMessage } from '../../domain/errors.ts';
import { hasPermission } from '../../domain/roles.ts';
import type { Ctx, SessionActor } from '../../http/context.ts';
import { createCase } from '../case/case.intake.ts';
import { resolveMapping, type FileEncoding, type ImportMapping } from './transfer.mapping.ts';
import type { RowProblem } from './transfer.problems.ts';
import { openTable, type FileFormat } from './transfer.reader.ts';
import * as repo from './transfer.repository.ts';
import { bindColumns, RowChecker, type CheckedRow } from './transfer.rows.ts';

/**
 * Bulk import of appeals (批量导入): reads a file row by row, checks every
 * row, and (unless a dry run) turns each valid, new row into a case through
 * createCase, as the importing staff member. Rows are processed in batches,
 * each batch in its own transaction, so memory stays flat and a long import
 * never holds one huge transaction; a re-run finds what earlier batches did
 * in `import_keys` and goes on from there. Imported citizens get no intake
 * SMS (`notifyCitizen: false` in the intake events; the outbox job skips it).
 */

export interface ImportRequest {
  fileName: string;
  /** Detected from the bytes when absent. */
  format?: FileFormat;
  preset: string | null;
  mapping: ImportMapping;
  /** The namespace of external ids: the same id from the same source is imported once. */
  source: string;
  dryRun: boolean;
  batchSize?: number;
}

export interface ImportSummary {
  id: number;
  dryRun: boolean;
  counts: repo.ImportCounts;
}

/** What the CLI and the HTTP route are given, before the mapping is resolved. */
export interface ImportOptions {
  fileName: string;
  format?: FileFormat;
  preset?: string;
  /** The user's JSON mapping (already parsed), laid over the preset. */
  mapping?: unknown;
  unknownCategory?: 'problem' | 'empty';
  encoding?: FileEncoding;
  /** Default: the preset's name, else `import`. */
  source?: string;
  dryRun: boolean;
}

/**
 * The import request for a CLI or HTTP call: the preset and the user's
 * mapping resolved, the command-line switches applied on top.
 * @throws INVALID_INPUT for a bad preset or mapping.
 */
export function importRequest(o: ImportOptions): ImportRequest {
  const mapping = resolveMapping(o.preset, o.mapping);
  if (o.unknownCategory) mapping.unknownCategory = o.unknownCategory;
  if (o.encoding) mapping.encoding = o.encoding;
  return {
    fileName: o.fileName, format: o.format, preset: o.preset ?? null, mapping,
    source: o.source ?? o.preset ?? 'import', dryRun: o.dryRun,
  };
}

/** The clock, case-number prefix and pool an import runs with. */
export interface ImportEnv {
  db: Db;
  casePrefix: string;
  /** The import's start; rows without a time get it. */
  now?: Date;
}

/**
 * Runs one import (or dry run) of `input` to its end and records it in `imports`.
 * @throws FORBIDDEN without the case.import permission; INVALID_INPUT for an
 * unreadable file, a bad source, or mapped columns missing from the header
 * (nothing is recorded then). A failure after the start is recorded on the
 * import (status `failed`) and rethrown; batches already committed stay.
 */
export async function runImport(env: ImportEnv, actor: SessionActor, input: Readable, req: ImportRequest): Promise<ImportSummary> {
  if (!hasPermission(actor.roles, 'case.import')) throw new DomainError('FORBIDDEN');
  const source = req.source.trim();
  if (!source || source.length > 100) throw invalidInput('来源名称应为 1 到 100 个字符', 'the source name must have 1 to 100 characters');
  const startedAt = env.now ?? new Date();
  const table = await openTable(input, { format: req.format, encoding: req.mapping.encoding });
  let importId: number;
  let checker: RowChecker;
  try {
    const bound = bindColumns(table.header, req.mapping);
    checker = new RowChecker(bound, req.mapping, await repo.loadLookups(env.db), startedAt);
    importId = await repo.insertImport(env.db, {
      source, fileName: req.fileName.slice(0, 255), format: table.format, encoding: table.encoding, preset: req.preset,
      mapping: req.mapping, dryRun: req.dryRun, startedBy: actor.userId, startedAt,
    });
  } catch (err) {
    table.close();
    throw err;
  }

  const counts: repo.ImportCounts = { rows: 0, imported: 0, skippedExisting: 0, invalid: 0, problems: 0 };
  const batchSize = req.batchSize ?? 200;
  const batchEnv: BatchEnv = {
    db: env.db, importId, source, dryRun: req.dryRun,
    ctxOf: (trx) => ({ trx, actor, lang: 'zh', now: new Date(), casePrefix: env.casePrefix }),
  };
  try {
    let batch: CheckedRow[] = [];
    for await (const { row, cells } of table.rows) {
      batch.push(checker.check(row, cells));
      if (batch.length >= batchSize) {
        Object.assign(counts, await processBatch(batchEnv, batch, counts));
        batch = [];
      }
    }
    if (batch.length) Object.assign(counts, await processBatch(batchEnv, batch, counts));
  } catch (err) {
    table.close();
    const message = err instanceof DomainError ? renderMessage(err.code, err.params, 'zh') : err instanceof Error ? err.message : String(err);
    await repo.finishImport(env.db, importId, counts, new Date(), message).catch(() => {});
    throw err;
  }
  await repo.finishImport(env.db, importId, counts, new Date());
  return { id: importId, dryRun: req.dryRun, counts };
}

interface BatchEnv {
  db: Db;
  importId: number;
  source: string;
  dryRun: boolean;
  ctxOf(trx: Trx): Ctx;
}

/** A createCase refusal inside a whole-batch transaction: the batch is redone row by row. */
class RowFailed extends Error {}

/**
 * One batch: in one transaction when every row goes through (the usual
 * case, as rows were checked first); when createCase refuses one, the batch
 * is rolled back and redone one transaction per row, so only that row is
 * lost (with a CREATE_FAILED problem). No savepoints: hundreds of
 * subtransactions in one transaction slow PostgreSQL down for everyone.
 * Resolves with the counts after the batch, once committed.
 */
async function processBatch(env: BatchEnv, batch: CheckedRow[], counts: Readonly<repo.ImportCounts>): Promise<repo.ImportCounts> {
  const valid = batch.filter((r) => r.appeal);
  const base = { ...counts, rows: counts.rows + batch.length, invalid: counts.invalid + (batch.length - valid.length) };
  const problems: RowProblem[] = batch.flatMap((r) => r.problems);
  const finish = async (trx: Trx, next: repo.ImportCounts, extra: RowProblem[] = []) => {
    const all = [...problems, ...extra].sort((a, b) => a.row - b.row);
    next.problems += all.length;
    await repo.insertProblems(trx, env.importId, all);
    await repo.saveProgress(trx, env.importId, next);
    return next;
  };
  try {
    return await env.db.transaction().execute(async (trx) => {
      const next = { ...base };
      await repo.lockSource(trx, env.source);
      const existing = await repo.existingKeys(trx, env.source, valid.map((r) => r.externalId));
      const keys: repo.ImportKey[] = [];
      for (const r of valid) {
        if (existing.has(r.externalId)) next.skippedExisting++;
        else if (env.dryRun) next.imported++;
        else {
          const created = await createCase(env.ctxOf(trx), { ...r.appeal!, notifyCitizen: false }).catch((err: unknown) => { throw new RowFailed('row', { cause: err }); });
          keys.push({ source: env.source, externalId: r.externalId, caseId: created.id, importId: env.importId });
          next.imported++;
        }
      }
      await repo.insertKeys(trx, keys);
      return finish(trx, next);
    });
  } catch (err) {
    if (!(err instanceof RowFailed)) throw err;
  }
  const next = { ...base };
  const failed: RowProblem[] = [];
  for (const r of valid) {
    try {
      const outcome = await env.db.transaction().execute(async (trx) => {
        await repo.lockSource(trx, env.source);
        if ((await repo.existingKeys(trx, env.source, [r.externalId])).size) return 'exists';
        const created = await createCase(env.ctxOf(trx), { ...r.appeal!, notifyCitizen: false });
        await repo.insertKeys(trx, [{ source: env.source, externalId: r.externalId, caseId: created.id, importId: env.importId }]);
        return 'created';
      });
      if (outcome === 'created') next.imported++;
      else next.skippedExisting++;
    } catch (err) {
      next.invalid++;
      failed.push(createFailed(r.row, err));
    }
  }
  return env.db.transaction().execute((trx) => finish(trx, next, failed));
}

function createFailed(row: number, err: unknown): RowProblem {
  const detail = err instanceof DomainError ? renderMessage(err.code, err.params, 'zh') : err instanceof Error ? err.message : String(err);
  const detailEn = err instanceof DomainError ? renderMessage(err.code, err.params, 'en') : detail;
  return { row, column: null, field: null, code: 'CREATE_FAILED', severity: 'error', params: { detail, detailEn } };
}
