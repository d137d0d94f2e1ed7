import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** One row of a classification CSV (`id,title,detail,label`; other columns are ignored). */
export interface LabeledRow {
  id: string;
  title: string;
  detail: string;
  /** Empty when the file has no label column (prediction input). */
  label: string;
}

/**
 * Reads a classification CSV with a header line. `title` is required;
 * `id`, `detail` and `label` may be missing (id then is the row number).
 * @throws Error naming the file when it has no `title` column, or when
 *   `requireLabel` and a row has no label.
 */
export function readLabeledCsv(file: string, { requireLabel = false } = {}): LabeledRow[] {
  const records = parse(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string | undefined>[];
  if (records.length && !('title' in records[0])) throw new Error(`${file}: no "title" column (expected id,title,detail,label)`);
  return records.map((r, i) => {
    const row = { id: r.id ?? String(i + 1), title: r.title ?? '', detail: r.detail ?? '', label: (r.label ?? '').trim() };
    if (requireLabel && !row.label) throw new Error(`${file}: row ${i + 2} (id ${row.id}) has no label`);
    return row;
  });
}

/** `id,label` lines with a header, as `classify predict` prints them. */
export function predictionsCsv(rows: readonly { id: string; label: string }[]): string {
  return stringify(rows.map((r) => [r.id, r.label]), { header: true, columns: ['id', 'label'] });
}
