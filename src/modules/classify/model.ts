import { invalidInput } from '../../domain/errors.ts';
import { fitTemperature, softmax } from './calibration.ts';
import { defaultEnsembleOptions, trainEnsemble, type EnsembleOptions } from './ensemble.ts';
import { defaultFeatureOptions, extractTerms, Vectorizer, type FeatureOptions, type MessageText, type SparseVector } from './features.ts';
import { defaultSvmOptions, margins, type LinearSvmOptions, type LinearWeights } from './linear.ts';
import { stratifiedSplit } from './metrics.ts';

/**
 * A text classifier generic over its labels: categories (城乡建设, 交通运输 …)
 * for classification, unit keys for routing suggestions. TF-IDF of jieba
 * words and character n-grams (features.ts), the average of a one-vs-rest
 * linear SVM and an NB-SVM (ensemble.ts, linear.ts), and temperature-scaled
 * softmax confidences (calibration.ts).
 */

/** One training example: the message and the label a person gave it. */
export interface TrainingRow extends MessageText {
  label: string;
}

export interface ClassifierOptions {
  features: Partial<FeatureOptions>;
  svm: Partial<LinearSvmOptions>;
  ensemble: Partial<EnsembleOptions>;
  /**
   * Share of the training rows held out (stratified) to fit the confidence
   * temperature on margins of a model that did not see them; 0 = skip and
   * use temperature 1. Costs one more training on the rest.
   */
  calibrationHoldout: number;
  /** Seed of every random choice: the same rows and options give the same model. */
  seed: number;
}

export interface Prediction {
  label: string;
  /** Calibrated-ish probability in [0, 1]; the confidences of all labels sum to 1. */
  confidence: number;
}

/** What the model records about its own training. */
export interface ModelInfo {
  trainedAt: string;
  rows: number;
  /** Rows per label in the training data. */
  labelCounts: Record<string, number>;
  features: number;
  svm: LinearSvmOptions;
  ensemble: EnsembleOptions;
  calibrationHoldout: number;
  seed: number;
  /** Wall-clock seconds the training took. */
  seconds: number;
}

/** A message as text: a plain string is read as the body (detail) with no title. */
export type MessageInput = MessageText | string;

const asMessage = (m: MessageInput): MessageText => (typeof m === 'string' ? { detail: m } : m);

export class TextClassifier {
  constructor(
    readonly labels: readonly string[],
    readonly vectorizer: Vectorizer,
    readonly linear: LinearWeights,
    /** Softmax temperature of the margins. */
    readonly temperature: number,
    readonly info: ModelInfo,
  ) {}

  /** The margin of every label, in the order of {@link labels}. */
  scores(message: MessageInput): Float64Array {
    return margins(this.linear, this.vectorizer.vectorize(asMessage(message)));
  }

  /** The confidence of every label, in the order of {@link labels}. */
  probabilities(message: MessageInput): Float64Array {
    return softmax(this.scores(message), this.temperature);
  }

  /**
   * The `k` most likely labels, most likely first, with confidences. An
   * empty message is scored by the biases alone and gets low confidences.
   */
  predictTop(message: MessageInput, k = 3): Prediction[] {
    const p = this.probabilities(message);
    const order = [...p.keys()].sort((a, b) => p[b] - p[a] || a - b);
    return order.slice(0, Math.max(0, k)).map((i) => ({ label: this.labels[i], confidence: p[i] }));
  }

  /** The most likely label. */
  predict(message: MessageInput): string {
    const s = this.scores(message);
    let best = 0;
    for (let k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
    return this.labels[best];
  }
}

/**
 * Trains a classifier on labelled messages. Deterministic: the same rows in
 * the same order with the same options give a bit-identical model (but for
 * `info.trainedAt` and `info.seconds`).
 * @throws DomainError INVALID_INPUT when there are no rows or a row has no label.
 */
export function trainClassifier(rows: readonly TrainingRow[], options: Partial<ClassifierOptions> = {}): TextClassifier {
  const started = performance.now();
  if (rows.length === 0) throw invalidInput('没有训练数据', 'no training rows');
  const featureOptions: FeatureOptions = { ...defaultFeatureOptions, ...options.features };
  const seed = options.seed ?? 1;
  const svm: LinearSvmOptions = { ...defaultSvmOptions, seed, ...options.svm };
  const ensemble: EnsembleOptions = { ...defaultEnsembleOptions, ...options.ensemble };
  const calibrationHoldout = options.calibrationHoldout ?? 0.2;
  const labelCounts: Record<string, number> = {};
  rows.forEach((r, i) => {
    const label = r.label?.trim();
    if (!label) throw invalidInput(`第 ${i + 1} 条训练数据没有标签`, `training row ${i + 1} has no label`);
    labelCounts[label] = (labelCounts[label] ?? 0) + 1;
  });
  const labels = Object.keys(labelCounts).sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(rows, (r) => labelIndex.get(r.label.trim())!);

  const terms = rows.map((r) => extractTerms(r, featureOptions));
  const { vectorizer, vectors } = Vectorizer.fitTransform(terms, featureOptions);
  const train = (idx: number[]) => trainEnsemble(idx.map((i) => vectors[i]), Int32Array.from(idx, (i) => y[i]), labels.length, vectorizer.size, svm, ensemble);
  const linear = trainEnsemble(vectors, y, labels.length, vectorizer.size, svm, ensemble);
  const temperature = calibrate(vectors, y, labels.length, calibrationHoldout, seed, train);
  return new TextClassifier(labels, vectorizer, linear, temperature, {
    trainedAt: new Date().toISOString(),
    rows: rows.length,
    labelCounts,
    features: vectorizer.size,
    svm,
    ensemble,
    calibrationHoldout,
    seed,
    seconds: Math.round(performance.now() - started) / 1000,
  });
}

/**
 * The softmax temperature fitted on the margins of held-out rows, from a
 * model trained on the others with the full vocabulary and IDF (a small
 * optimism that only touches the confidences, never the predicted label).
 * Falls back to 1 with a single label or too few rows to hold any out.
 */
function calibrate(x: SparseVector[], y: Int32Array, classes: number, holdout: number, seed: number, train: (idx: number[]) => LinearWeights): number {
  if (holdout <= 0 || classes < 2 || x.length * holdout < 20) return 1;
  const split = stratifiedSplit(Array.from(y, String), holdout, seed);
  if (split.test.length === 0 || split.train.length === 0) return 1;
  const model = train(split.train);
  return fitTemperature(split.test.map((i) => margins(model, x[i])), split.test.map((i) => y[i]));
}
