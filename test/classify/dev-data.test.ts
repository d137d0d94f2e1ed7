import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readLabeledCsv } from '../../src/modules/classify/csv.ts';
import { heldOut } from '../../src/modules/classify/evaluate.ts';

/**
 * On the contest data when it is present next to the checkout (it is not
 * part of the repository): the held-out macro-F1 the docs report must not
 * regress below the target. Skipped cleanly elsewhere.
 */
const file = path.resolve(import.meta.dirname, '../../../shared/data/appeals-labeled.dev.csv');
const present = fs.existsSync(file);

test('macro-F1 ≥ 0.92 on a held-out 20% of the development data', { skip: present ? false : `${file} is not here` }, () => {
  const rows = readLabeledCsv(file, { requireLabel: true });
  const h = heldOut(rows, 0.2, {}, 1);
  assert.ok(h.scores.macroF1 >= 0.92, `macro-F1 ${h.scores.macroF1.toFixed(4)}`);
});
