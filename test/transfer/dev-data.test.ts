import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { SessionActor } from '../../src/http/context.ts';
import { importRequest, runImport } from '../../src/modules/transfer/transfer.import.ts';
import { loadActorByUsername } from '../../src/modules/user/user.repository.ts';
import { root } from '../support/cli.ts';
import { freshDatabase, type TestDatabase } from '../support/db.ts';
import { buildOrgTree } from '../support/factories.ts';

/**
 * The first 300 rows of the real development data (../shared/data, never
 * part of the repository) through the board-export preset. Skipped when the
 * file is absent. The rows are read into memory only; nothing is written to disk.
 */
const devFile = path.resolve(root, '../shared/data/appeals-labeled.dev.csv');
const present = fs.existsSync(devFile);

describe('importing the development data (first 300 rows)', { skip: present ? false : `${devFile} is absent` }, () => {
  let tdb: TestDatabase;
  let admin: SessionActor;
  let header: string[];
  const records: Record<string, string>[] = [];

  before(async () => {
    tdb = await freshDatabase();
    await buildOrgTree(tdb.db);
    admin = await loadActorByUsername(tdb.db, 'admin');
    const parser = fs.createReadStream(devFile).pipe(parse({ bom: true }));
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) header = record;
      else records.push(Object.fromEntries(header.map((h, i) => [h, record[i]])));
      if (records.length === 300) break;
    }
    parser.destroy();
  });
  after(async () => tdb?.drop());

  const file = () => Readable.from([Buffer.from(stringify([header, ...records.map((r) => header.map((h) => r[h]))]))]);
  const run = (dryRun: boolean) => runImport({ db: tdb.db, casePrefix: 'DV' }, admin, file(),
    importRequest({ fileName: 'appeals-labeled.dev.csv', preset: 'board-export', dryRun }));

  it('imports every row a title and content can be made of, and only once', async () => {
    // Expected, from the rules themselves: a title of 2–100 characters; the content (the title when empty) up to 5,000.
    const length = (s: string) => [...s.trim()].length;
    const refused = records.filter((r) => length(r.title) < 2 || length(r.title) > 100 || length(r.detail || r.title) > 5000);
    const knownLabels = new Set(['城乡建设', '劳动和社会保障', '教育文体', '商贸旅游', '环境保护', '卫生计生', '交通运输']);
    assert.ok(records.every((r) => knownLabels.has(r.label)), 'the labels are the seven of the README');

    const dry = await run(true);
    assert.deepEqual(dry.counts, { rows: 300, imported: 300 - refused.length, skippedExisting: 0, invalid: refused.length, problems: refused.length });
    const real = await run(false);
    assert.deepEqual(real.counts, dry.counts);
    const cases = await tdb.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(cases.n), 300 - refused.length);
    assert.deepEqual((await run(false)).counts, { rows: 300, imported: 0, skippedExisting: 300 - refused.length, invalid: refused.length, problems: refused.length });

    // Each label matched its level-1 category; rows with a time kept it (Shanghai), the others got the import's.
    const imported = await tdb.db.selectFrom('importKeys as k').innerJoin('cases as c', 'c.id', 'k.caseId')
      .innerJoin('categories as cat', 'cat.id', 'c.categoryId')
      .select(['k.externalId', 'cat.fullName', 'cat.level', 'c.receivedAt']).where('k.source', '=', 'board-export').execute();
    assert.equal(imported.length, 300 - refused.length, 'every imported row has a category');
    const byId = new Map(records.map((r) => [r.id, r]));
    for (const c of imported) {
      const r = byId.get(c.externalId)!;
      assert.equal(c.level, 1);
      assert.equal(c.fullName, r.label === '卫生计生' ? '卫生健康' : r.label);
      if (r.time) assert.equal(c.receivedAt.getTime(), new Date(`${r.time.replace(' ', 'T')}+08:00`).getTime(), r.id);
    }
  });
});
