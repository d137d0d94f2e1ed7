import type { SparseVector } from './features.ts';
import { trainOneVsRest, type LinearSvmOptions, type LinearWeights } from './linear.ts';

/**
 * The model actually trained: the average of two one-vs-rest linear SVMs,
 * one on the TF-IDF vectors and one on the same vectors scaled per class by
 * naive-Bayes log-count ratios (NB-SVM, Wang & Manning 2012). Both are
 * linear in the input, so their average is again one weight matrix: the
 * ensemble costs nothing at prediction time.
 */

export interface EnsembleOptions {
  /** Weight of the NB-SVM in the average (0 = plain SVM only, 1 = NB-SVM only). */
  nbMix: number;
  /** Additive smoothing of the naive-Bayes feature totals. */
  nbAlpha: number;
}

export const defaultEnsembleOptions: EnsembleOptions = { nbMix: 0.5, nbAlpha: 0.1 };

/**
 * Per class k and feature f, log of (share of f in class k) / (share of f
 * in the other classes), from the summed TF-IDF weights: how much a
 * feature speaks for k.
 */
export function logCountRatios(x: readonly SparseVector[], y: Int32Array, classes: number, features: number, alpha: number): Float32Array[] {
  const perClass = Array.from({ length: classes }, () => new Float64Array(features));
  const total = new Float64Array(features);
  x.forEach(({ index, value }, i) => {
    const c = perClass[y[i]];
    for (let j = 0; j < index.length; j++) { c[index[j]] += value[j]; total[index[j]] += value[j]; }
  });
  let all = 0;
  for (let f = 0; f < features; f++) all += total[f];
  return perClass.map((p) => {
    let mine = 0;
    for (let f = 0; f < features; f++) mine += p[f];
    const pSum = mine + alpha * features;
    const qSum = all - mine + alpha * features;
    const r = new Float32Array(features);
    for (let f = 0; f < features; f++) r[f] = Math.log((p[f] + alpha) / pSum) - Math.log((total[f] - p[f] + alpha) / qSum);
    return r;
  });
}

/** Trains the plain and the NB-scaled SVM and returns their weighted average. */
export function trainEnsemble(x: readonly SparseVector[], y: Int32Array, classes: number, features: number, svm: LinearSvmOptions, e: EnsembleOptions): LinearWeights {
  if (e.nbMix <= 0) return trainOneVsRest(x, y, classes, features, svm);
  const nb = trainOneVsRest(x, y, classes, features, svm, logCountRatios(x, y, classes, features, e.nbAlpha));
  if (e.nbMix >= 1) return nb;
  const plain = trainOneVsRest(x, y, classes, features, svm);
  const mix = (a: Float32Array, b: Float32Array) => a.map((v, i) => (1 - e.nbMix) * v + e.nbMix * b[i]);
  return { classes, features, weights: mix(plain.weights, nb.weights), bias: mix(plain.bias, nb.bias), passes: [...(plain.passes ?? []), ...(nb.passes ?? [])] };
}
