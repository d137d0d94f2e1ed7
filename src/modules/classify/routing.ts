import { trainClassifier, type ClassifierOptions, type MessageInput, type TextClassifier } from './model.ts';

/**
 * Routing suggestions (派单建议): the same classifier, trained on past dispatch
 * decisions with the unit as the label. The suggestions are shown to the
 * dispatcher; nothing is dispatched on them without a person (or an admin's
 * explicit auto-dispatch threshold, decided by the caller).
 */

/** One past decision: the message and the unit it was (finally) dispatched to. */
export interface DispatchDecision {
  title: string;
  content: string;
  /** The unit's key (or id as a string): whatever the caller wants back. */
  unit: string;
}

export interface UnitSuggestion {
  unit: string;
  confidence: number;
}

/**
 * Settings for many labels. A unit model has one weight per feature and
 * unit, so the vocabulary is capped (60,000 terms × 200 units ≈ 48 MB of
 * float32 weights) and character n-grams stop at 2; training costs one SVM
 * per unit, so the NB-SVM half of the ensemble is left out and passes are
 * capped at 30.
 */
export const routingDefaults: Partial<ClassifierOptions> = {
  features: { maxFeatures: 60_000, charNgramMax: 2 },
  ensemble: { nbMix: 0 },
  svm: { maxEpochs: 30 },
};

/**
 * Trains a routing model on past decisions (e.g. the last year's closed cases).
 * @throws DomainError INVALID_INPUT when there are no decisions.
 */
export function trainRoutingModel(decisions: readonly DispatchDecision[], options: Partial<ClassifierOptions> = {}): TextClassifier {
  const rows = decisions.map((d) => ({ title: d.title, detail: d.content, label: d.unit }));
  return trainClassifier(rows, {
    ...routingDefaults,
    ...options,
    features: { ...routingDefaults.features, ...options.features },
    ensemble: { ...routingDefaults.ensemble, ...options.ensemble },
    svm: { ...routingDefaults.svm, ...options.svm },
  });
}

/** The `k` (default 3) most likely units for a message, most likely first. */
export function suggestUnits(model: TextClassifier, message: MessageInput, k = 3): UnitSuggestion[] {
  return model.predictTop(message, k).map((p) => ({ unit: p.label, confidence: p.confidence }));
}
