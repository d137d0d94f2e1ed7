import { isMainThread } from 'node:worker_threads';
import { trainClassifier, type ClassifierOptions, type TrainingRow } from '../classify/model.ts';
import { score, stratifiedSplit } from '../classify/metrics.ts';
import { serializeModel } from '../classify/persistence.ts';
import { routingDefaults } from '../classify/routing.ts';

/**
 * Training one suggestion model, pure (no database): run in a worker
 * thread by routing.training.ts so that the app process keeps answering
 * while a model trains.
 */

export type ModelKind = 'category' | 'unit';

export interface TrainJob {
  kind: ModelKind;
  /** Examples from the case history (scored on a held-out part). */
  history: TrainingRow[];
  /** Examples always trained on, never scored (the catalogue). */
  extra: TrainingRow[];
}

export interface ModelMetrics {
  seconds: number;
  /** Scores on a stratified 10% of the history held out from a second training (≥ 200 examples). */
  holdout?: { n: number; accuracy: number; top3: number; macroF1: number };
}

export interface TrainedModel {
  /** False when trained on the process's main thread (the fallback). */
  inWorker: boolean;
  bytes: Uint8Array;
  trainedAt: string;
  samples: number;
  labels: number;
  metrics: ModelMetrics;
}

/**
 * Small training sets keep every term (a term seen once in a catalogue name
 * still counts); large ones use the classifier's defaults.
 */
function optionsFor(kind: ModelKind, rows: number): Partial<ClassifierOptions> {
  const base: Partial<ClassifierOptions> = kind === 'unit' ? routingDefaults : {};
  const minDf = rows < 500 ? 1 : rows < 2000 ? 2 : 3;
  return { ...base, features: { ...base.features, minDf } };
}

function holdoutScores(rows: TrainingRow[], extra: TrainingRow[], options: Partial<ClassifierOptions>): ModelMetrics['holdout'] {
  if (rows.length < 200) return undefined;
  const { train, test } = stratifiedSplit(rows.map((r) => r.label), 0.1, 1);
  if (test.length === 0) return undefined;
  const model = trainClassifier([...train.map((i) => rows[i]), ...extra], { ...options, calibrationHoldout: 0 });
  const gold = test.map((i) => rows[i].label);
  const top = test.map((i) => model.predictTop(rows[i], 3).map((p) => p.label));
  const s = score(gold, top.map((t) => t[0]));
  const top3 = top.filter((t, j) => t.includes(gold[j])).length / test.length;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return { n: test.length, accuracy: round(s.accuracy), top3: round(top3), macroF1: round(s.macroF1) };
}

/** Trains, scores and serialises one model. */
export function trainModel(job: TrainJob): TrainedModel {
  const rows = [...job.history, ...job.extra];
  const started = performance.now();
  const options = optionsFor(job.kind, rows.length);
  const model = trainClassifier(rows, options);
  const seconds = Math.round(performance.now() - started) / 1000;
  return {
    inWorker: !isMainThread,
    bytes: serializeModel(model),
    trainedAt: model.info.trainedAt,
    samples: rows.length,
    labels: model.labels.length,
    metrics: { seconds, holdout: holdoutScores(job.history, job.extra, options) },
  };
}
