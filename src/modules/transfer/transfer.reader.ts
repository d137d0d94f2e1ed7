import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { DomainError, invalidInput } from '../../domain/errors.ts';
import type { FileEncoding } from './transfer.mapping.ts';
import { wallClockOfSpreadsheetDate } from './transfer.time.ts';

/**
 * Reads a CSV or XLSX file as a header and a stream of rows, without holding
 * the file in memory: CSV is decoded and parsed as it arrives, XLSX through
 * ExcelJS's streaming reader (first worksheet only).
 */

export type FileFormat = 'csv' | 'xlsx';

export interface FileRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  cells: unknown[];
}

export interface OpenedTable {
  format: FileFormat;
  /** The CSV text encoding used (detected or given); null for XLSX. */
  encoding: FileEncoding | null;
  header: string[];
  rows: AsyncIterable<FileRow>;
  /** Stops reading early (the rows will not be consumed). */
  close(): void;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Opens `input` as a table. The format is given, or XLSX when the bytes start
 * like a ZIP archive, else CSV. CSV text is UTF-8 (with or without BOM),
 * UTF-16 with a BOM, or GB18030 when the first 64 KB are not valid UTF-8.
 * @throws INVALID_INPUT for an empty file or one that cannot be read.
 */
export async function openTable(input: Readable, opts: { format?: FileFormat; encoding?: FileEncoding } = {}): Promise<OpenedTable> {
  const { head, chunks } = await sniff(input);
  const format = opts.format ?? (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) ? 'xlsx' : 'csv');
  const encoding = format === 'csv' ? opts.encoding ?? detectEncoding(head) : null;
  const records = format === 'xlsx' ? xlsxRows(Readable.from(chunks)) : csvRows(chunks, encoding!, head);
  const iterator = records[Symbol.asyncIterator]();
  const close = () => {
    void iterator.return?.(undefined);
    input.destroy();
  };
  const first = await iterator.next().catch((err: unknown) => {
    close();
    throw unreadable(err, format);
  });
  if (first.done) {
    close();
    throw invalidInput('文件是空的，没有表头', 'the file is empty: no header row');
  }
  const header = first.value.cells.map((c) => cellText(c).trim());
  const rows: AsyncIterable<FileRow> = {
    [Symbol.asyncIterator]: () => ({
      next: () => iterator.next().catch((err: unknown) => { throw unreadable(err, format); }),
      return: async () => {
        close();
        return { done: true, value: undefined };
      },
    }),
  };
  return { format, encoding, header, rows, close };
}

/** The first bytes (for detection), and every chunk from the start. */
async function sniff(input: Readable): Promise<{ head: Buffer; chunks: AsyncIterable<Buffer> }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const early: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    early.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(early);
  async function* chunks() {
    yield* early;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  }
  return { head, chunks: chunks() };
}

/** BOM first; then UTF-8 if the head decodes strictly (a cut-off last character allowed); else GB18030. */
export function detectEncoding(head: Buffer): FileEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

async function* decode(chunks: AsyncIterable<Buffer>, encoding: FileEncoding): AsyncGenerator<string> {
  // Strict for UTF-8, so a file that turns out not to be UTF-8 after the sniffed head fails loudly instead of filling with �.
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function* csvRows(chunks: AsyncIterable<Buffer>, encoding: FileEncoding, head: Buffer): AsyncGenerator<FileRow> {
  const firstLine = new TextDecoder(encoding).decode(head.subarray(0, 4096)).split(/\r?\n/)[0];
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const text = Readable.from(decode(chunks, encoding));
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, bom: true, max_record_size: 1_000_000 });
  text.on('error', (err) => parser.destroy(err)); // a decoding error ends the parse with that error
  text.pipe(parser);
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row++;
    // A blank line keeps its row number, as a spreadsheet would show it, but is no row to import.
    if (row > 1 && record.every((c) => c.trim() === '')) continue;
    yield { row, cells: record };
  }
}

async function* xlsxRows(input: Readable): AsyncGenerator<FileRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  for await (const sheet of workbook) {
    for await (const r of sheet) {
      const values = Array.isArray(r.values) ? r.values : [];
      const cells: unknown[] = [];
      for (let i = 1; i < values.length; i++) cells.push(values[i]);
      if (cells.every((c) => cellText(c).trim() === '')) continue;
      yield { row: r.number, cells: cells.map(cellText) };
    }
    return; // the first worksheet only
  }
}

/** An XLSX cell value as the text it shows: rich text joined, formulas by their result, dates as wall-clock time. */
export function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : wallClockOfSpreadsheetDate(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error !== undefined) return '';
  }
  return String(v);
}

function unreadable(err: unknown, format: FileFormat): Error {
  if (err instanceof DomainError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  if (err instanceof TypeError && /encoded data was not valid/i.test(detail)) {
    return invalidInput('文件不是有效的 UTF-8 文本，请指定编码（如 gb18030）', 'the file is not valid UTF-8; give its encoding (e.g. gb18030)');
  }
  return format === 'xlsx'
    ? invalidInput(`无法读取 XLSX 文件：${detail}`, `cannot read the XLSX file: ${detail}`)
    : invalidInput(`无法解析 CSV 文件：${detail}`, `cannot parse the CSV file: ${detail}`);
}
