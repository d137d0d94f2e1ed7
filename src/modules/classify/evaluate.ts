import { meanSd, score, stratifiedFolds, stratifiedSplit, type Scores } from './metrics.ts';
import { trainClassifier, type ClassifierOptions, type TextClassifier, type TrainingRow } from './model.ts';

/**
 * Honest estimates of how the classifier does on messages it has not seen:
 * stratified k-fold cross-validation and a stratified held-out split. Each
 * training part gets a model of its own (vocabulary, IDF and all), exactly
 * as `trainClassifier` would make it in production.
 */

export interface CrossValidation {
  folds: number;
  /** Macro-F1 of each fold. */
  foldMacroF1: number[];
  macroF1: { mean: number; sd: number };
  /** Scores over all folds' predictions pooled (each message predicted once). */
  pooled: Scores;
  /** Mean training seconds per fold. */
  trainSeconds: number;
}

export interface HeldOut {
  train: number;
  test: number;
  scores: Scores;
  model: TextClassifier;
  /** The held-out rows' indices and their top-1 confidences, for calibration checks. */
  predictions: { row: number; label: string; confidence: number }[];
}

/** k-fold stratified cross-validation (k ≥ 2). */
export function crossValidate(rows: readonly TrainingRow[], folds = 5, options: Partial<ClassifierOptions> = {}, seed = 1, log: (m: string) => void = () => {}): CrossValidation {
  const fold = stratifiedFolds(rows.map((r) => r.label), folds, seed);
  const predicted: string[] = new Array(rows.length);
  const foldMacroF1: number[] = [];
  let seconds = 0;
  for (let f = 0; f < folds; f++) {
    const train = rows.filter((_, i) => fold[i] !== f);
    const testIdx = rows.map((_, i) => i).filter((i) => fold[i] === f);
    const model = trainClassifier(train, { seed, ...options });
    seconds += model.info.seconds;
    for (const i of testIdx) predicted[i] = model.predict(rows[i]);
    const s = score(testIdx.map((i) => rows[i].label), testIdx.map((i) => predicted[i]));
    foldMacroF1.push(s.macroF1);
    log(`fold ${f + 1}/${folds}: macro-F1 ${s.macroF1.toFixed(4)} (${train.length} train, ${testIdx.length} test, ${model.info.seconds} s)`);
  }
  return {
    folds,
    foldMacroF1,
    macroF1: meanSd(foldMacroF1),
    pooled: score(rows.map((r) => r.label), predicted),
    trainSeconds: seconds / folds,
  };
}

/** Trains on a stratified (1 − `share`) of the rows and scores the rest. */
export function heldOut(rows: readonly TrainingRow[], share = 0.2, options: Partial<ClassifierOptions> = {}, seed = 1): HeldOut {
  const split = stratifiedSplit(rows.map((r) => r.label), share, seed);
  const model = trainClassifier(split.train.map((i) => rows[i]), { seed, ...options });
  const predictions = split.test.map((row) => {
    const [top] = model.predictTop(rows[row], 1);
    return { row, label: top.label, confidence: top.confidence };
  });
  return {
    train: split.train.length,
    test: split.test.length,
    scores: score(split.test.map((i) => rows[i].label), predictions.map((p) => p.label)),
    model,
    predictions,
  };
}

/**
 * Expected calibration error: |accuracy − mean confidence| averaged over
 * `bins` equal-width confidence bins, weighted by their size (0 = perfectly
 * calibrated).
 */
export function expectedCalibrationError(confidences: readonly number[], correct: readonly boolean[], bins = 10): number {
  const n = new Array(bins).fill(0);
  const conf = new Array(bins).fill(0);
  const acc = new Array(bins).fill(0);
  confidences.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.floor(c * bins));
    n[b]++;
    conf[b] += c;
    acc[b] += correct[i] ? 1 : 0;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (n[b]) ece += (n[b] / confidences.length) * Math.abs(acc[b] / n[b] - conf[b] / n[b]);
  return ece;
}

/** A per-class P/R/F1 table as aligned text lines, macro-F1 and accuracy last. */
export function formatScores(s: Scores): string {
  const width = Math.max(8, ...s.perClass.map((c) => displayWidth(c.label))) + 2;
  const pad = (t: string) => t + ' '.repeat(Math.max(0, width - displayWidth(t)));
  const lines = [`${pad('label')}precision  recall  F1      support`];
  for (const c of s.perClass) {
    lines.push(`${pad(c.label)}${c.precision.toFixed(4)}     ${c.recall.toFixed(4)}  ${c.f1.toFixed(4)}  ${c.support}`);
  }
  lines.push(`${pad('macro-F1')}${s.macroF1.toFixed(4)}`, `${pad('accuracy')}${s.accuracy.toFixed(4)}`);
  return lines.join('\n');
}

/** Terminal columns of a string: CJK characters take two. */
function displayWidth(t: string): number {
  let w = 0;
  for (const ch of t) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
