import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readLabeledCsv } from '../src/modules/classify/csv.ts';
import { trainClassifier } from '../src/modules/classify/model.ts';
import { createUnit } from '../src/modules/org/org.commands.ts';
import { modelById, routingStateAt } from '../src/modules/routing/routing.cache.ts';
import { suggestFor } from '../src/modules/routing/routing.suggest.ts';
import { retrainModels } from '../src/modules/routing/routing.training.ts';
import { readConfigVersion } from '../src/modules/deadline/config.cache.ts';
import { wordListsAt } from '../src/modules/wordlist/wordlist.cache.ts';
import { checkAppeal } from '../src/modules/wordlist/wordlist.rules.ts';
import { benchDatabase, report, round } from './support.ts';

/**
 * Routing wired to the database (`node --import tsx bench/routing.ts`):
 * 10,000 cases in PostgreSQL — the 6,447 labelled messages of the contest
 * data plus 3,553 other messages of the same source labelled by a model
 * trained on them — each with a category and a lead unit (one unit per
 * first-level category), then `retrainModels` (both models, stored), then
 * the suggestions of 1,000 messages through `suggestFor` (database reads
 * included) and the intake word check. Only numbers are written.
 */
export async function main() {
  const dir = path.resolve(import.meta.dirname, '../../shared/data');
  const labelled = path.join(dir, 'appeals-labeled.dev.csv');
  if (!fs.existsSync(labelled)) {
    console.log(`routing: skipped, ${labelled} is not here`);
    return;
  }
  const log = (m: string) => console.error(`# ${m}`);
  const load = () => os.loadavg().map((l) => round(l));
  const rows = readLabeledCsv(labelled, { requireLabel: true });
  const labeller = trainClassifier(rows, { seed: 1, calibrationHoldout: 0 });
  const extra = ['appeals-with-replies.csv', 'appeals-with-votes.csv']
    .map((name) => path.join(dir, name)).filter((f) => fs.existsSync(f))
    .flatMap((f) => parse(fs.readFileSync(f), { columns: true, bom: true }) as Record<string, string>[])
    .slice(0, Math.max(0, 10_000 - rows.length))
    .map((r) => ({ title: r['留言主题'] ?? '', detail: r['留言详情'] ?? '' }))
    .map((m) => ({ ...m, label: labeller.predict(m) }));
  const messages = [...rows, ...extra];
  log(`${messages.length} messages`);

  const bench = await benchDatabase('routing');
  try {
    const { db } = bench;
    const city = await createUnit(db, null, { key: 'city', name: '市', kind: 'region', parentId: null });
    await createUnit(db, null, { key: 'centre', name: '12345中心', kind: 'centre', parentId: city.id });
    const labels = [...new Set(messages.map((m) => m.label))].sort();
    const unitOf = new Map<string, number>();
    const categoryOf = new Map<string, number>();
    for (const [i, label] of labels.entries()) {
      unitOf.set(label, (await createUnit(db, null, { key: `dept${i}`, name: `${label}主管部门`, kind: 'department', parentId: city.id })).id);
      const cat = await db.selectFrom('categories').select('id').where('fullName', '=', label).executeTakeFirst()
        ?? await db.insertInto('categories').values({ parentId: null, name: label, level: 1, fullName: label }).returning('id').executeTakeFirstOrThrow();
      categoryOf.set(label, cat.id);
    }
    const t0 = new Date('2026-01-01T00:00:00Z').getTime();
    for (let start = 0; start < messages.length; start += 1000) {
      await db.insertInto('cases').values(messages.slice(start, start + 1000).map((m, j) => {
        const i = start + j;
        const at = new Date(t0 + i * 60_000);
        return {
          number: `B${String(i).padStart(7, '0')}`, queryCode: `Q${i}`, channel: 'web', type: 'complaint', urgency: 'normal',
          title: (m.title ?? '').slice(0, 100) || '无标题', content: m.detail || m.title || '无内容', state: 'closed',
          categoryId: categoryOf.get(m.label)!, leadUnitId: unitOf.get(m.label)!, receivedAt: at, registeredAt: at, dispatchedAt: at, closedAt: at,
        };
      })).execute();
    }
    log('cases written');

    const loadBefore = load();
    const cpu0 = process.cpuUsage();
    const tTrain = performance.now();
    const outcomes = await db.transaction().execute((trx) => retrainModels(trx));
    const trainMs = performance.now() - tTrain;
    const cpu = process.cpuUsage(cpu0);
    log(`retrained in ${round(trainMs / 1000)} s: ${JSON.stringify(outcomes)}`);

    // First use in a process: the models come from the database.
    const version = await readConfigVersion(db);
    const state = await routingStateAt(db, version);
    const tLoad = performance.now();
    const [cat, unit] = await Promise.all([modelById(db, state.categoryModelId!), modelById(db, state.unitModelId!)]);
    const modelLoadMs = performance.now() - tLoad;

    const sample = messages.filter((_, i) => i % 10 === 3).slice(0, 1000).map((m) => ({ title: m.title ?? '', content: m.detail ?? '' }));
    for (const m of sample.slice(0, 100)) await suggestFor(db, m);
    const wall: number[] = [];
    const cpuPredict: number[] = [];
    for (const m of sample) {
      const w0 = performance.now();
      await suggestFor(db, m);
      wall.push(performance.now() - w0);
      const c0 = process.cpuUsage();
      cat!.classifier.predictTop({ title: m.title, detail: m.content }, 10);
      unit!.classifier.predictTop({ title: m.title, detail: m.content }, 10);
      const c = process.cpuUsage(c0);
      cpuPredict.push((c.user + c.system) / 1000);
    }
    const latencyLoad = load();
    const lists = await wordListsAt(db, version);
    const wordMs: number[] = [];
    for (const m of sample) {
      const w0 = performance.now();
      checkAppeal(lists, { ...m, urgency: 'normal' });
      wordMs.push(performance.now() - w0);
    }
    const q = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return round(s[Math.min(s.length - 1, Math.floor(p * s.length))]); };
    const stats = (xs: number[]) => ({ median: q(xs, 0.5), p95: q(xs, 0.95), p99: q(xs, 0.99), max: q(xs, 1) });

    report('routing', {
      data: 'contest data in ../shared/data (not in the repository), written as closed cases',
      cases: messages.length,
      labels: labels.length,
      retrain_both_models: {
        wall_seconds: round(trainMs / 1000), cpu_seconds: round((cpu.user + cpu.system) / 1e6), load_average_before: loadBefore,
        outcomes: outcomes.map((o) => (o.trained ? { kind: o.kind, samples: o.samples, labels: o.labels, seconds: o.seconds, bytes: o.sizeBytes, holdout: o.metrics.holdout } : o)),
      },
      model_load_from_db_ms: round(modelLoadMs),
      suggestions_ms: { messages: sample.length, wall_with_db_reads: stats(wall), cpu_both_models_predict: stats(cpuPredict), load_average: latencyLoad },
      word_check_ms: { words: lists.words.length, ...stats(wordMs) },
    });
  } finally {
    await bench.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main().then(() => process.exit(0));
