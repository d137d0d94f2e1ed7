import { seededRandom } from '../../domain/random.ts';
import { shuffle } from './linear.ts';

/**
 * Evaluation helpers: stratified folds and per-class precision, recall and
 * F1 with their macro average (the mean over classes, each class counting
 * the same however rare).
 */

export interface ClassScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Messages of this class in the gold data. */
  support: number;
}

export interface Scores {
  perClass: ClassScores[];
  macroF1: number;
  accuracy: number;
}

/** Scores of `predicted` against `gold` over the labels seen in either. */
export function score(gold: readonly string[], predicted: readonly string[]): Scores {
  const labels = [...new Set([...gold, ...predicted])].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i];
    if (g === p) { inc(tp, g); correct++; } else { inc(fp, p); inc(fn, g); }
  });
  const perClass = labels.map((label) => {
    const t = tp.get(label) ?? 0;
    const precision = t + (fp.get(label) ?? 0) ? t / (t + (fp.get(label) ?? 0)) : 0;
    const recall = t + (fn.get(label) ?? 0) ? t / (t + (fn.get(label) ?? 0)) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: t + (fn.get(label) ?? 0) };
  });
  const macroF1 = perClass.reduce((s, c) => s + c.f1, 0) / (perClass.length || 1);
  return { perClass, macroF1, accuracy: gold.length ? correct / gold.length : 0 };
}

/**
 * Assigns each item to one of `k` folds so that every label is spread
 * evenly (stratified), in a seeded random order. Returns the fold of each item.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 1): Int32Array {
  const fold = new Int32Array(labels.length);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => { const list = byLabel.get(l); if (list) list.push(i); else byLabel.set(l, [i]); });
  const random = seededRandom(seed);
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const items = byLabel.get(label)!;
    shuffle(items, random);
    // Continue the round-robin across labels so fold sizes stay even too.
    items.forEach((item, j) => { fold[item] = (offset + j) % k; });
    offset = (offset + items.length) % k;
  }
  return fold;
}

/** A stratified split: the indices of the training and the held-out part (`heldOut` ≈ 0.2). */
export function stratifiedSplit(labels: readonly string[], heldOut: number, seed = 1): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => { const list = byLabel.get(l); if (list) list.push(i); else byLabel.set(l, [i]); });
  const random = seededRandom(seed);
  for (const label of [...byLabel.keys()].sort()) {
    const items = byLabel.get(label)!;
    shuffle(items, random);
    const cut = Math.round(items.length * heldOut);
    test.push(...items.slice(0, cut));
    train.push(...items.slice(cut));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/** Mean and (sample) standard deviation. */
export function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / (xs.length || 1);
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd };
}
