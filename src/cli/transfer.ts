import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { DomainError, invalidInput } from '../domain/errors.ts';
import { loadActorByUsername } from '../modules/user/user.repository.ts';
import { exportFilter, exportFormats, exportShapes, writeExport, type ExportFormat, type ExportShape } from '../modules/transfer/transfer.export.ts';
import { importRequest, runImport } from '../modules/transfer/transfer.import.ts';
import { fileEncodings, type FileEncoding } from '../modules/transfer/transfer.mapping.ts';
import { presentImportSummary } from '../modules/transfer/transfer.presenter.ts';
import { renderProblem, type ProblemCode } from '../modules/transfer/transfer.problems.ts';
import * as repo from '../modules/transfer/transfer.repository.ts';

/** Opens the installation's database, runs `fn` on it and closes it again (main.ts's withDatabase). */
export type WithDb = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

/**
 * `minsheng import <file> [--preset P] [--mapping M.json] [--dry-run] [--source S] [--as USER]`:
 * prints a summary and every row problem. Exits 0 when the run finished, even
 * with row problems (they are in the report); 1 on a fatal error (unreadable
 * file, bad mapping, missing columns, no such user); with `--strict`, 3 when
 * any row was refused.
 * @throws DomainError INVALID_INPUT for bad arguments (before the database is opened).
 */
export async function importCommand(args: string[], withDb: WithDb) {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      preset: { type: 'string' }, mapping: { type: 'string' }, 'dry-run': { type: 'boolean' }, source: { type: 'string' },
      as: { type: 'string' }, 'unknown-category': { type: 'string' }, encoding: { type: 'string' }, format: { type: 'string' },
      strict: { type: 'boolean' }, lang: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw invalidInput('用法：minsheng import <文件> [--preset 名称] [--mapping 映射.json] [--dry-run]', 'usage: minsheng import <file> [--preset NAME] [--mapping mapping.json] [--dry-run]');
  if (!fs.existsSync(file)) throw invalidInput(`文件不存在：${file}`, `no such file: ${file}`);
  const unknownCategory = oneOf('--unknown-category', values['unknown-category'], ['problem', 'empty'] as const);
  const encoding = oneOf('--encoding', values.encoding?.toLowerCase(), fileEncodings) as FileEncoding | undefined;
  const format = oneOf('--format', values.format, ['csv', 'xlsx'] as const);
  const lang = oneOf('--lang', values.lang, ['zh', 'en'] as const) ?? 'zh';
  const req = importRequest({
    fileName: path.basename(file), format, preset: values.preset, mapping: values.mapping ? readMapping(values.mapping) : undefined,
    unknownCategory, encoding, source: values.source, dryRun: Boolean(values['dry-run']),
  });

  const invalid = await withDb(async (db) => {
    const actor = await loadActorByUsername(db, values.as ?? 'admin');
    const summary = await runImport({ db, casePrefix: loadConfig().caseNumberPrefix }, actor, fs.createReadStream(file), req);
    const view = presentImportSummary(await repo.findImport(db, summary.id));
    const c = view.counts;
    console.log(`${view.dryRun ? 'dry run' : 'import'} #${view.id} of ${view.fileName} (${view.format}${view.encoding ? `, ${view.encoding}` : ''}; `
      + `preset ${view.preset ?? '-'}; source ${view.source}; as ${view.startedBy.username})`);
    console.log(view.dryRun
      ? `rows ${c.rows}: would import ${c.wouldImport}, already imported ${c.skippedExisting}, refused ${c.invalid} (${c.problems} problems)`
      : `rows ${c.rows}: imported ${c.imported}, already imported ${c.skippedExisting}, refused ${c.invalid} (${c.problems} problems)`);
    if (c.problems) console.log('problems:');
    for (let offset = 0; offset < c.problems; offset += 1000) {
      for (const p of await repo.listProblems(db, view.id, 1000, offset)) {
        const message = renderProblem({ code: p.code as ProblemCode, params: p.params as Record<string, string | number> }, lang);
        console.log(`  row ${p.rowNumber}\t${p.columnName ?? '-'}\t${p.code}${p.severity === 'warning' ? ' (warning)' : ''}\t${message}`);
      }
    }
    return c.invalid;
  });
  if (values.strict && invalid > 0) process.exitCode = 3;
}

/**
 * `minsheng export-cases [--format csv|xlsx] [--shape minsheng|board-export] [--out FILE]
 * [--from D] [--to D] [--state s1,s2] [--with-citizen] [--no-bom]`: to stdout without --out.
 * The CLI is an operator's tool with the database's own access, so the
 * citizen columns need only the explicit flag here.
 */
export async function exportCasesCommand(args: string[], withDb: WithDb) {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string' }, shape: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
      state: { type: 'string' }, 'with-citizen': { type: 'boolean' }, 'no-bom': { type: 'boolean' },
    },
  });
  const format: ExportFormat = oneOf('--format', values.format, exportFormats) ?? (values.out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  const shape: ExportShape = oneOf('--shape', values.shape, exportShapes) ?? 'minsheng';
  if (values['with-citizen'] && shape !== 'minsheng') throw invalidInput('只有 minsheng 格式含市民信息', 'only the minsheng shape has citizen columns');
  const filter = exportFilter({ from: values.from, to: values.to, state: values.state });
  await withDb(async (db) => {
    const req = { shape, format, ...filter, includeCitizen: Boolean(values['with-citizen']), bom: !values['no-bom'] };
    let count: number;
    if (values.out) count = await writeExport(db, req, fs.createWriteStream(values.out));
    else {
      // stdout never 'finish'es, and the writers wait for that: write through a stream that does.
      const pass = new PassThrough();
      pass.pipe(process.stdout);
      [count] = await Promise.all([writeExport(db, req, pass), once(pass, 'end')]);
    }
    console.error(`exported ${count} cases (${shape}, ${format})${values.out ? ` to ${values.out}` : ''}`);
  });
}

function readMapping(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw invalidInput(`无法读取映射文件：${file}`, `cannot read the mapping file: ${file}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new DomainError('INVALID_INPUT', { detail: `映射文件不是有效的 JSON：${file}`, detail_en: `the mapping file is not valid JSON: ${file} (${(err as Error).message})` });
  }
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw invalidInput(`${name} 应为 ${allowed.join('、')} 之一`, `${name} must be one of ${allowed.join(', ')}`);
}
