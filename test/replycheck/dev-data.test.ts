import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { checkReply } from '../../src/domain/replycheck.ts';

/**
 * On the contest's replied messages when present (never in the repository;
 * docs/reply-checks.md): real replies of some substance are seldom called
 * off-topic, while the same replies given to other appeals mostly are.
 * Skipped cleanly elsewhere.
 */
const file = path.resolve(import.meta.dirname, '../../../shared/data/appeals-with-replies.csv');
const present = fs.existsSync(file);

test('off-topic check separates real from shuffled replies on the development data', { skip: present ? false : `${file} is not here` }, () => {
  const rows: string[][] = parse(fs.readFileSync(file), { from_line: 2, relax_quotes: true });
  const sample = rows.filter((_, i) => i % 4 === 0);
  const offTopic = (title: string, content: string, reply: string) =>
    checkReply({ appealTitle: title, appealContent: content, reply }).reasons.some((r) => r.code === 'off_topic');
  const long = (reply: string) => reply.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '').length >= 60;
  let real = 0; let shuffled = 0; let n = 0;
  sample.forEach((r, i) => {
    const other = sample[(i * 7919 + 13) % sample.length][5];
    if (!long(r[5]) || !long(other) || other === r[5]) return;
    n++;
    if (offTopic(r[2], r[4], r[5])) real++;
    if (offTopic(r[2], r[4], other)) shuffled++;
  });
  assert.ok(n > 300, String(n));
  assert.ok(real / n < 0.1, `real replies flagged ${real}/${n}`);
  assert.ok(shuffled / n > 0.7, `shuffled replies caught ${shuffled}/${n}`);
});
