/**
 * Confidences from margins: softmax over the one-vs-rest SVM margins divided
 * by a temperature T, with T chosen to minimise the log-loss of margins the
 * models had not seen in training (out-of-fold), so that "0.8" means about
 * four right in five (temperature scaling, Guo et al. 2017).
 */

/** Softmax of `scores / temperature`, numerically stable. */
export function softmax(scores: ArrayLike<number>, temperature: number): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) if (scores[k] > max) max = scores[k];
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    out[k] = Math.exp((scores[k] - max) / temperature);
    sum += out[k];
  }
  for (let k = 0; k < scores.length; k++) out[k] /= sum;
  return out;
}

/** Mean negative log-likelihood of the gold classes under softmax(margins / T). */
export function logLoss(margins: readonly ArrayLike<number>[], gold: ArrayLike<number>, temperature: number): number {
  let loss = 0;
  margins.forEach((m, i) => { loss -= Math.log(Math.max(softmax(m, temperature)[gold[i]], 1e-15)); });
  return loss / (margins.length || 1);
}

/**
 * The temperature in [0.01, 10] with the least log-loss: golden-section
 * search on log T (the loss is smooth and unimodal in practice).
 */
export function fitTemperature(margins: readonly ArrayLike<number>[], gold: ArrayLike<number>): number {
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.01);
  let hi = Math.log(10);
  const f = (logT: number) => logLoss(margins, gold, Math.exp(logT));
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 40; i++) {
    if (fa < fb) { hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = f(a); }
    else { lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = f(b); }
  }
  return Math.exp((lo + hi) / 2);
}
