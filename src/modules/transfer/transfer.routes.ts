import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import { hasPermission } from '../../domain/roles.ts';
import { requireActor } from '../../http/auth.ts';
import type { AppDeps } from '../../http/context.ts';
import { ErrorResponse } from '../case/case.schemas.ts';
import { exportFileName, exportFilter, exportFormats, writeExport, type ExportFormat } from './transfer.export.ts';
import { importRequest, runImport } from './transfer.import.ts';
import { presentImportReport, presentImportSummary } from './transfer.presenter.ts';
import * as repo from './transfer.repository.ts';
import * as S from './transfer.schemas.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 413: ErrorResponse };
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Bulk import (批量导入) and export of appeals. An import runs within its
 * request and answers with its report; docs/import-export.md has the file
 * shapes, the mapping format and the problem codes.
 */
export async function transferRoutes(app: FastifyInstance, deps: AppDeps) {
  // Its own scope: the multipart parser serves these routes only (unless the app already has one).
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) {
      await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 2, fields: 10, fieldSize: 1024 * 1024, parts: 12 } });
    }
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['imports and exports'];

    r.post('/api/imports', {
      config: { permission: 'case.import' },
      bodyLimit: 2 * MAX_FILE_BYTES,
      schema: {
        tags,
        summary: '批量导入 Import appeals from CSV or XLSX (admins, dispatchers)',
        description: 'multipart/form-data with a `file` part (and an optional `mapping` part, JSON), or a JSON body with the file inline. '
          + 'Answers with the report; a dry run writes nothing but the report. See docs/import-export.md.',
        querystring: S.ImportQuery,
        body: { content: { 'application/json': { schema: S.ImportJsonBody } } },
        response: { 201: S.ImportReport, ...errors },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const q = request.query;
      const upload = request.isMultipart() ? await receiveMultipart(request) : receiveJson(request.body as S.ImportJsonBody | undefined);
      try {
        const req = importRequest({
          fileName: upload.fileName, format: q.format, preset: q.preset, mapping: upload.mapping,
          unknownCategory: q.unknownCategory, encoding: q.encoding, source: q.source, dryRun: q.dryRun ?? false,
        });
        const summary = await runImport({ db: deps.db, casePrefix: deps.config.caseNumberPrefix }, actor, upload.open(), req);
        const report = await presentImportReport(deps.db, await repo.findImport(deps.db, summary.id), { limit: 1000, offset: 0 });
        return reply.status(201).header('location', `/api/imports/${summary.id}`).send(report);
      } finally {
        upload.cleanup();
      }
    });

    r.get('/api/imports', {
      config: { permission: 'case.import' },
      schema: { tags, summary: 'Recent imports and dry runs, newest first', querystring: S.ListQuery, response: { 200: S.ImportList, ...errors } },
    }, async (request) => {
      const rows = await repo.listImports(deps.db, request.query.limit ?? 50, request.query.offset ?? 0);
      return { items: rows.map(presentImportSummary) };
    });

    r.get('/api/imports/:id', {
      config: { permission: 'case.import' },
      schema: {
        tags, summary: 'The report of one import: counts and every row problem (paged)',
        params: S.ImportIdParams, querystring: S.ReportQuery, response: { 200: S.ImportReport, ...errors },
      },
    }, async (request) => {
      const row = await repo.findImport(deps.db, request.params.id);
      return presentImportReport(deps.db, row, { limit: request.query.problemLimit ?? 1000, offset: request.query.problemOffset ?? 0 });
    });

    for (const format of exportFormats) {
      // Untyped reply on purpose: the body is a file, streamed as it is written.
      scope.get(`/api/exports/cases.${format}`, {
        config: { permission: 'export.all' },
        schema: {
          tags,
          summary: `批量导出 Cases as ${format.toUpperCase()} in the board-export or minsheng shape (citywide staff)`,
          querystring: S.ExportQuery,
          produces: [contentTypes[format].split(';')[0]],
          response: { 200: { description: 'the file', content: { [contentTypes[format].split(';')[0]]: { schema: { type: 'string', format: 'binary' } } } }, ...errors },
        },
      }, async (request, reply) => {
        const actor = requireActor(request);
        const q = request.query as S.ExportQuery;
        const shape = q.shape ?? 'minsheng';
        if (q.citizen && shape !== 'minsheng') throw invalidInput('只有 minsheng 格式含市民信息', 'only the minsheng shape has citizen columns');
        if (q.citizen && !hasPermission(actor.roles, 'export.personal')) throw new DomainError('FORBIDDEN');
        const filter = exportFilter(q);
        request.log.info({ userId: actor.userId, shape, format, citizen: Boolean(q.citizen) }, 'case export');
        const body = new PassThrough();
        writeExport(deps.db, { shape, format, ...filter, includeCitizen: Boolean(q.citizen), bom: q.bom }, body).catch((err: unknown) => {
          request.log.error({ err }, 'case export failed');
          body.destroy(err as Error);
        });
        return reply
          .header('content-type', contentTypes[format])
          .header('content-disposition', `attachment; filename="${exportFileName(shape, format, new Date())}"`)
          .header('cache-control', 'no-store')
          .send(body);
      });
    }
  });
}

interface Upload {
  fileName: string;
  mapping: unknown;
  open(): Readable;
  cleanup(): void;
}

/** The `file` part goes to a temporary file (memory stays flat); `mapping` is JSON, as a field or a small file part. */
async function receiveMultipart(request: FastifyRequest): Promise<Upload> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-import-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    let fileName: string | undefined;
    let mappingText: string | undefined;
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'file' && fileName === undefined) {
        fileName = part.filename || 'upload';
        await pipeline(part.file, fs.createWriteStream(path.join(dir, 'upload')));
      } else if (part.type === 'file' && part.fieldname === 'mapping') {
        mappingText = (await part.toBuffer()).toString('utf8');
      } else if (part.type === 'file') {
        part.file.resume();
      } else if (part.fieldname === 'mapping') {
        mappingText = String(part.value);
      }
    }
    if (fileName === undefined) throw invalidInput('请上传文件（字段名 file）', 'upload the file in a part named "file"');
    return { fileName, mapping: parseMappingText(mappingText), open: () => fs.createReadStream(path.join(dir, 'upload')), cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}

function receiveJson(body: S.ImportJsonBody | undefined): Upload {
  if (!body || (body.content === undefined) === (body.contentBase64 === undefined)) {
    throw invalidInput('请提供 content（CSV 文本）或 contentBase64 之一', 'give either content (CSV text) or contentBase64');
  }
  const bytes = body.content !== undefined ? Buffer.from(body.content, 'utf8') : Buffer.from(body.contentBase64!, 'base64');
  return { fileName: body.fileName ?? 'upload', mapping: body.mapping, open: () => Readable.from([bytes]), cleanup: () => {} };
}

function parseMappingText(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput('列映射不是有效的 JSON', 'the mapping is not valid JSON');
  }
}
