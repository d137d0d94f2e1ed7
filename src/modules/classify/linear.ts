import type { SparseVector } from './features.ts';
import { seededRandom } from '../../domain/random.ts';

/**
 * One-vs-rest linear SVM trained by dual coordinate descent (Hsieh et al.
 * 2008, the solver of LIBLINEAR and scikit-learn's LinearSVC): for each
 * class a binary L2-regularised SVM with squared hinge (or hinge) loss and a
 * bias feature. It converges in a few passes on sparse TF-IDF data and is
 * deterministic for a seed (the only randomness is the visiting order).
 */

export interface LinearSvmOptions {
  /** Inverse regularisation strength. */
  C: number;
  /** 'squared-hinge' (L2-loss, default) or 'hinge' (L1-loss). */
  loss: 'squared-hinge' | 'hinge';
  /** Most passes over the data per class. */
  maxEpochs: number;
  /** Stop when the projected-gradient spread of a pass falls below this. */
  tolerance: number;
  /** Weight each message by n / (classes × its class's count), as scikit-learn's 'balanced'. */
  balanced: boolean;
  /** Value of the constant bias feature (0 disables the bias). */
  biasFeature: number;
  seed: number;
}

export const defaultSvmOptions: LinearSvmOptions = {
  C: 0.5,
  loss: 'squared-hinge',
  maxEpochs: 60,
  tolerance: 0.1,
  balanced: true,
  biasFeature: 1,
  seed: 1,
};

/** Weights laid out feature-major (`weights[f * classes + k]`), so scoring walks memory once. */
export interface LinearWeights {
  classes: number;
  features: number;
  weights: Float32Array;
  bias: Float32Array;
  /** Passes over the data each class took (training only; not saved). */
  passes?: number[];
}

/** Fisher–Yates shuffle in place with `random`. */
export function shuffle<T>(items: T[] | Int32Array, random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = items[i];
    items[i] = items[j];
    items[j] = t as never;
  }
}

/**
 * Trains one binary SVM per class (`y[i]` in 0..classes-1) on `data`.
 * With `scales`, class k sees every feature f multiplied by `scales[k][f]`
 * (NB-SVM); the returned weights include the scale, so they apply to the
 * unscaled vectors. Returns float32 weights: what the model keeps and saves.
 */
export function trainOneVsRest(
  data: readonly SparseVector[],
  y: Int32Array,
  classes: number,
  features: number,
  o: LinearSvmOptions,
  scales?: readonly Float32Array[],
): LinearWeights {
  const n = data.length;
  let x = data;
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) counts[y[i]]++;
  const sampleC = new Float64Array(n);
  for (let i = 0; i < n; i++) sampleC[i] = o.balanced ? (o.C * n) / (classes * counts[y[i]]) : o.C;
  const sqNorm = new Float64Array(n);
  const norms = () => {
    for (let i = 0; i < n; i++) {
      let s = o.biasFeature * o.biasFeature;
      for (const v of x[i].value) s += v * v;
      sqNorm[i] = s;
    }
  };
  norms();

  const weights = new Float32Array(features * classes);
  const bias = new Float32Array(classes);
  const w = new Float64Array(features);
  const alpha = new Float64Array(n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const hinge = o.loss === 'hinge';

  /**
   * Class k against the rest, into `w` and `alpha`; returns the bias weight.
   * With LIBLINEAR's shrinking: messages whose dual variable sits at a bound
   * and is unlikely to move are left out of the next passes (most negatives
   * of a rare class after the first pass), then all are checked once more
   * before stopping.
   */
  const passes: number[] = [];
  function solveBinary(k: number): number {
    let b = 0;
    let epoch = 0;
    const random = seededRandom(o.seed * 1000 + k);
    let active = n;
    let pgMaxOld = Infinity;
    let pgMinOld = -Infinity;
    for (let i = 0; i < n; i++) order[i] = i;
    for (; epoch < o.maxEpochs; epoch++) {
      for (let s = active - 1; s > 0; s--) {
        const j = Math.floor(random() * (s + 1));
        const t = order[s]; order[s] = order[j]; order[j] = t;
      }
      let pgMax = -Infinity;
      let pgMin = Infinity;
      for (let s = 0; s < active; s++) {
        const i = order[s];
        const yi = y[i] === k ? 1 : -1;
        const upper = hinge ? sampleC[i] : Infinity;
        const diag = hinge ? 0 : 0.5 / sampleC[i];
        const { index, value } = x[i];
        let dot = b * o.biasFeature;
        for (let j = 0; j < index.length; j++) dot += w[index[j]] * value[j];
        const g = yi * dot - 1 + diag * alpha[i];
        let pg = 0;
        if (alpha[i] === 0) {
          if (g > pgMaxOld) { active--; order[s] = order[active]; order[active] = i; s--; continue; }
          if (g < 0) pg = g;
        } else if (alpha[i] === upper) {
          if (g < pgMinOld) { active--; order[s] = order[active]; order[active] = i; s--; continue; }
          if (g > 0) pg = g;
        } else pg = g;
        if (pg > pgMax) pgMax = pg;
        if (pg < pgMin) pgMin = pg;
        if (Math.abs(pg) < 1e-12) continue;
        const old = alpha[i];
        alpha[i] = Math.min(Math.max(old - g / (sqNorm[i] + diag), 0), upper);
        const d = (alpha[i] - old) * yi;
        for (let j = 0; j < index.length; j++) w[index[j]] += d * value[j];
        b += d * o.biasFeature;
      }
      if (pgMax - pgMin <= o.tolerance) {
        if (active === n) break;
        active = n;
        pgMaxOld = Infinity;
        pgMinOld = -Infinity;
        continue;
      }
      pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
      pgMinOld = pgMin >= 0 ? -Infinity : pgMin;
    }
    passes.push(Math.min(epoch + 1, o.maxEpochs));
    return b;
  }

  for (let k = 0; k < classes; k++) {
    w.fill(0);
    alpha.fill(0);
    const r = scales?.[k];
    if (r) {
      x = data.map((v) => scaleVector(v, r));
      norms();
    }
    const b = solveBinary(k);
    for (let f = 0; f < features; f++) weights[f * classes + k] = r ? w[f] * r[f] : w[f];
    bias[k] = b * o.biasFeature;
  }
  return { classes, features, weights, bias, passes };
}

/** The margin of every class for `v`: w_k · v + b_k (float32 weights, float64 sums). */
export function margins(model: LinearWeights, v: SparseVector): Float64Array {
  const { classes, weights } = model;
  const s = Float64Array.from(model.bias);
  const { index, value } = v;
  for (let j = 0; j < index.length; j++) {
    const base = index[j] * classes;
    const x = value[j];
    for (let k = 0; k < classes; k++) s[k] += weights[base + k] * x;
  }
  return s;
}

/** `v` with every feature f multiplied by `scale[f]`. */
export function scaleVector({ index, value }: SparseVector, scale: Float32Array): SparseVector {
  const out = new Float32Array(value.length);
  for (let j = 0; j < value.length; j++) out[j] = value[j] * scale[index[j]];
  return { index, value: out };
}
