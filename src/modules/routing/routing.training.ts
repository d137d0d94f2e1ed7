import { Worker } from 'node:worker_threads';
import type { Queryable } from '../../db/database.ts';
import type { TrainingRow } from '../classify/model.ts';
import * as repo from './routing.repository.ts';
import { trainModel, type ModelKind, type ModelMetrics, type TrainedModel, type TrainJob } from './routing.trainer.ts';
import { loadRoutingSettings, type RoutingSettings } from './routing.settings.ts';

/**
 * Retraining (重新训练) from the installation's own history: a category model
 * from categorised cases plus the catalogue, a unit model from the dispatch
 * decisions that stood. Each is stored in classifier_models; every process
 * picks the new one up through config_version (routing.cache.ts).
 */

export type TrainOutcome =
  | { kind: ModelKind; trained: true; modelId: number; samples: number; labels: number; seconds: number; sizeBytes: number; metrics: ModelMetrics; inWorker: boolean }
  | { kind: ModelKind; trained: false; reason: string; samples: number };

/**
 * Trains in a worker thread, so the process goes on serving requests (the
 * scheduled job runs inside an app process); in this thread when a worker
 * cannot start (e.g. a runtime without the TypeScript loader).
 */
async function trainOffThread(job: TrainJob): Promise<TrainedModel> {
  let worker: Worker;
  try {
    // A worker does not inherit the TypeScript loader (tsx): its entry registers it, then loads the real one.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./routing.worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    worker = new Worker(boot, { eval: true, workerData: job });
  } catch {
    return trainModel(job);
  }
  return new Promise<TrainedModel>((resolve, reject) => {
    let done = false;
    const inThisThread = () => { try { resolve(trainModel(job)); } catch (err) { reject(err); } };
    worker.once('message', (m: TrainedModel) => { done = true; resolve(m); });
    // A worker that failed (to load, or to train) is retried here: a real training error then surfaces as itself.
    worker.once('error', () => { if (!done) { done = true; inThisThread(); } });
    worker.once('exit', (code) => { if (!done) { done = true; if (code === 0) reject(new Error('training worker ended without a model')); else inThisThread(); } });
  });
}

/** Below this much history the whole catalogue is learnt (a new installation); above it, only the categories in use. */
export const COLD_START_EXAMPLES = 1000;

/**
 * The catalogue's examples to add: all of them while the history is small,
 * so every category can be suggested from day one; later only those of
 * categories the history uses. Training costs one SVM per label, and a
 * catalogue of hundreds of categories nobody files under would multiply
 * the training time for labels that are (almost) never right.
 */
export function catalogueExamples(history: readonly TrainingRow[], catalogue: readonly TrainingRow[]): TrainingRow[] {
  if (history.length < COLD_START_EXAMPLES) return [...catalogue];
  const used = new Set(history.map((r) => r.label));
  return catalogue.filter((c) => used.has(c.label));
}

async function trainAndStore(db: Queryable, kind: ModelKind, history: TrainingRow[], extra: TrainingRow[], settings: RoutingSettings, userId: number | null, minSamples: number): Promise<TrainOutcome> {
  const samples = history.length + extra.length;
  if (samples < minSamples) return { kind, trained: false, reason: `too few examples (${samples} < ${minSamples})`, samples };
  // One label is no choice: a model would be "certain" of it for every message.
  if (new Set([...history, ...extra].map((r) => r.label)).size < 2) return { kind, trained: false, reason: 'fewer than 2 labels', samples };
  const trained = await trainOffThread({ kind, history, extra });
  const model = Buffer.from(trained.bytes.buffer, trained.bytes.byteOffset, trained.bytes.byteLength);
  const stored = await repo.storeModel(db, {
    kind, trainedAt: new Date(trained.trainedAt), samples: trained.samples, labels: trained.labels, metrics: trained.metrics, model, createdBy: userId,
  }, settings.retrain.keep);
  return { kind, trained: true, modelId: stored.id, samples: trained.samples, labels: trained.labels, seconds: trained.metrics.seconds, sizeBytes: stored.sizeBytes, metrics: trained.metrics, inWorker: trained.inWorker };
}

/**
 * Trains and stores both models (or the kinds asked for). A kind without
 * enough examples is skipped and its previous model stays in use.
 */
export async function retrainModels(db: Queryable, opts: { userId?: number | null; kinds?: repo.ModelKind[] } = {}): Promise<TrainOutcome[]> {
  const settings = await loadRoutingSettings(db);
  const kinds = opts.kinds ?? ['category', 'unit'];
  const out: TrainOutcome[] = [];
  if (kinds.includes('category')) {
    const { history, catalogue } = await repo.categoryExamples(db, settings.retrain.maxSamples);
    out.push(await trainAndStore(db, 'category', history, catalogueExamples(history, catalogue), settings, opts.userId ?? null, 2));
  }
  if (kinds.includes('unit')) {
    const decisions = await repo.unitExamples(db, settings.retrain.maxSamples);
    out.push(await trainAndStore(db, 'unit', decisions, [], settings, opts.userId ?? null, settings.retrain.minUnitSamples));
  }
  return out;
}
