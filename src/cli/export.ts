import fs from 'node:fs';
import type { Db } from '../db/database.ts';

/**
 * Every case with its assignments, replies, callbacks and history as JSON
 * lines, streamed in pages so memory stays flat on a large city.
 */
export async function exportCases(db: Db, outFile?: string) {
  const out = outFile ? fs.createWriteStream(outFile) : process.stdout;
  const write = (line: string) => new Promise<void>((resolve) => (out.write(line) ? resolve() : out.once('drain', resolve)));
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('cases').selectAll().where('id', '>', lastId).orderBy('id').limit(500).execute();
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.id);
    const [history, assignments, replies, callbacks] = await Promise.all([
      db.selectFrom('caseHistory').selectAll().where('caseId', 'in', ids).orderBy('id').execute(),
      db.selectFrom('caseAssignments').selectAll().where('caseId', 'in', ids).orderBy('id').execute(),
      db.selectFrom('caseReplies').selectAll().where('caseId', 'in', ids).orderBy('id').execute(),
      db.selectFrom('caseCallbacks').selectAll().where('caseId', 'in', ids).orderBy('id').execute(),
    ]);
    const group = <T extends { caseId: number }>(list: T[]) => {
      const m = new Map<number, T[]>();
      for (const x of list) m.set(x.caseId, [...(m.get(x.caseId) ?? []), x]);
      return (id: number) => m.get(id) ?? [];
    };
    const [h, a, r, c] = [group(history), group(assignments), group(replies), group(callbacks)];
    for (const row of rows) {
      await write(JSON.stringify({
        ...row, assignments: a(row.id), replies: r(row.id), callbacks: c(row.id), history: h(row.id),
      }) + '\n');
      count++;
    }
    lastId = rows[rows.length - 1].id;
  }
  if (outFile) {
    await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
    console.error(`exported ${count} cases to ${outFile}`);
  }
}
