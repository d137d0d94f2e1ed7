import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { readLabeledCsv } from '../src/modules/classify/csv.ts';
import { crossValidate, expectedCalibrationError, formatScores, heldOut } from '../src/modules/classify/evaluate.ts';
import { trainClassifier } from '../src/modules/classify/model.ts';
import { deserializeModel, serializeModel } from '../src/modules/classify/persistence.ts';
import { report, round } from './support.ts';

/**
 * The classifier on the contest data in ../shared/data (not part of the
 * repository; skipped when absent): 5-fold stratified cross-validation and
 * an 80/20 stratified held-out split of appeals-labeled.dev.csv (macro-F1,
 * per class, calibration), prediction latency per message, and training
 * time on 10,000 messages (the 6,447 labelled ones plus 3,553 messages of
 * appeals-with-replies.csv and appeals-with-votes.csv labelled by the
 * held-out model). Only numbers
 * are written to bench/results, never text of the data.
 */
export async function main(args: string[]) {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, folds: { type: 'string', default: '5' }, 'skip-cv': { type: 'boolean' } } });
  const dir = path.resolve(values.data ?? path.join(import.meta.dirname, '../../shared/data'));
  const labelled = path.join(dir, 'appeals-labeled.dev.csv');
  if (!fs.existsSync(labelled)) {
    console.log(`classify: skipped, ${labelled} is not here (the contest data is not part of the repository)`);
    return;
  }
  const rows = readLabeledCsv(labelled, { requireLabel: true });
  const log = (m: string) => console.error(`# ${m}`);
  const load = () => os.loadavg().map((l) => round(l));

  const h = heldOut(rows, 0.2, {}, 1);
  log(`held-out 20%: macro-F1 ${h.scores.macroF1.toFixed(4)}\n${formatScores(h.scores)}`);
  const correct = h.predictions.map((p) => p.label === rows[p.row].label);
  const ece = expectedCalibrationError(h.predictions.map((p) => p.confidence), correct);
  const confident = h.predictions.filter((p) => p.confidence >= 0.9);
  const confidentAccuracy = confident.filter((p) => p.label === rows[p.row].label).length / (confident.length || 1);
  const top3 = h.predictions.filter((p) => h.model.predictTop(rows[p.row], 3).some((t) => t.label === rows[p.row].label)).length / h.predictions.length;

  // Prediction latency: every held-out message, one at a time, after a warm-up pass.
  const test = h.predictions.map((p) => rows[p.row]);
  for (const r of test.slice(0, 200)) h.model.predictTop(r, 3);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (const r of test) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    h.model.predictTop(r, 3);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const at = (q: number, xs = times) => round(xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]);
  const latencyLoad = load();
  const huge = { title: '噪音扰民', detail: '小区旁工地夜间施工噪音很大，'.repeat(7_200) };
  const tHuge = performance.now();
  h.model.predictTop(huge, 3);
  const hugeMs = performance.now() - tHuge;

  // Save and load: bytes, time, identical predictions.
  const bytes = serializeModel(h.model);
  const tLoad = performance.now();
  const loaded = deserializeModel(bytes);
  const loadMs = performance.now() - tLoad;
  const identical = test.every((r) => {
    const a = h.model.scores(r);
    const b = loaded.scores(r);
    return a.every((v, k) => v === b[k]);
  });

  let cv;
  if (!values['skip-cv']) {
    const folds = Number(values.folds);
    cv = crossValidate(rows, folds, {}, 1, log);
    log(`${folds}-fold CV macro-F1 ${cv.macroF1.mean.toFixed(4)} ± ${cv.macroF1.sd.toFixed(4)}`);
    log(`pooled:\n${formatScores(cv.pooled)}`);
  }


  // Training on 10,000 messages.
  const extra = ['appeals-with-replies.csv', 'appeals-with-votes.csv']
    .map((name) => path.join(dir, name))
    .filter((file) => fs.existsSync(file))
    .flatMap((file) => parse(fs.readFileSync(file), { columns: true, bom: true }) as Record<string, string>[])
    .slice(0, Math.max(0, 10_000 - rows.length))
    .map((r) => ({ title: r['留言主题'] ?? '', detail: r['留言详情'] ?? '' }))
    .map((m) => ({ ...m, label: h.model.predict(m) }));
  const big = [...rows, ...extra];
  const loadBefore = load();
  const cpu0 = process.cpuUsage();
  const t10k = performance.now();
  const bigModel = trainClassifier(big, { seed: 1 });
  const trainMs = performance.now() - t10k;
  const cpu = process.cpuUsage(cpu0);
  log(`trained on ${big.length} messages in ${round(trainMs / 1000)} s (cpu ${round((cpu.user + cpu.system) / 1e6)} s)`);

  report('classify', {
    data: 'contest data in ../shared/data (not in the repository)',
    rows: rows.length,
    cross_validation: cv && {
      folds: cv.folds,
      macro_f1_mean: round4(cv.macroF1.mean),
      macro_f1_sd: round4(cv.macroF1.sd),
      fold_macro_f1: cv.foldMacroF1.map(round4),
      pooled_per_class: perClass(cv.pooled.perClass),
      accuracy: round4(cv.pooled.accuracy),
      train_seconds_per_fold: round(cv.trainSeconds),
    },
    held_out: {
      share: 0.2,
      seed: 1,
      train: h.train,
      test: h.test,
      macro_f1: round4(h.scores.macroF1),
      accuracy: round4(h.scores.accuracy),
      per_class: perClass(h.scores.perClass),
      top3_accuracy: round4(top3),
      expected_calibration_error: round4(ece),
      confidence_ge_0_9: { share: round4(confident.length / h.test), accuracy: round4(confidentAccuracy) },
      temperature: round4(h.model.temperature),
    },
    prediction_ms: {
      messages: times.length,
      mean: round(times.reduce((a, b) => a + b, 0) / times.length),
      median: at(0.5), p95: at(0.95), p99: at(0.99), max: round(times[times.length - 1]),
      cpu_median: at(0.5, cpuTimes), cpu_p95: at(0.95, cpuTimes), cpu_p99: at(0.99, cpuTimes),
      huge_100k_chars: round(hugeMs),
      load_average: latencyLoad,
    },
    model: { features: h.model.info.features, bytes: bytes.length, load_ms: round(loadMs), identical_after_load: identical },
    training_10k: { messages: big.length, wall_seconds: round(trainMs / 1000), cpu_seconds: round((cpu.user + cpu.system) / 1e6), load_average_before: loadBefore, features: bigModel.info.features },
  });
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const perClass = (cs: { label: string; precision: number; recall: number; f1: number; support: number }[]) =>
  cs.map((c) => ({ label: c.label, precision: round4(c.precision), recall: round4(c.recall), f1: round4(c.f1), support: c.support }));
