import { invalidInput } from '../../domain/errors.ts';
import { normalizeText } from '../../domain/text/normalize.ts';
import { urgencies, type Urgency } from '../case/case.vocabulary.ts';

/**
 * Sensitive and urgent words at intake (敏感词、紧急词), pure: how a word and
 * a text are compared, and what a match does to a new appeal. No I/O.
 */

export const wordLists = ['urgent', 'sensitive'] as const;
export type WordList = (typeof wordLists)[number];
/** The urgencies an urgent word may raise a case to. */
export const raisedLevels = ['urgent', 'critical'] as const;
export type RaisedLevel = (typeof raisedLevels)[number];

export interface ListedWord {
  list: WordList;
  word: string;
  /** For 'urgent' words: the urgency a match raises the case to. */
  level: RaisedLevel | null;
}

/** The lists ready for matching: each word with its normalised form. */
export interface CompiledLists {
  words: ReadonlyArray<ListedWord & { normalized: string }>;
}

export interface WordHits {
  urgent: string[];
  sensitive: string[];
  /** The urgency given at intake, when a word raised it. */
  raisedFrom?: Urgency;
}

/**
 * The form both words and texts are compared in: traditional → simplified
 * (OpenCC), half-width, lower case, without spaces and punctuation (so
 * 燃 气 泄 漏 and 燃氣洩漏… match 燃气泄漏). Numbers are kept.
 */
export function normalizeForWords(text: string): string {
  return normalizeText(text, { maskNumbers: false }).replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function compileLists(words: readonly ListedWord[]): CompiledLists {
  return { words: words.map((w) => ({ ...w, normalized: normalizeForWords(w.word) })).filter((w) => w.normalized.length > 0) };
}

/** Every listed word the texts contain (each once, in list order). */
export function findWords(lists: CompiledLists, texts: readonly (string | null | undefined)[]): { urgent: ListedWord[]; sensitive: ListedWord[] } {
  const haystack = texts.filter((t): t is string => Boolean(t)).map(normalizeForWords).join('\n');
  const found = lists.words.filter((w) => haystack.includes(w.normalized));
  return { urgent: found.filter((w) => w.list === 'urgent'), sensitive: found.filter((w) => w.list === 'sensitive') };
}

/** The higher of two urgencies (normal < urgent < critical). */
export function higherUrgency(a: Urgency, b: Urgency): Urgency {
  return urgencies.indexOf(a) >= urgencies.indexOf(b) ? a : b;
}

export interface WordCheck {
  urgency: Urgency;
  reviewFlagged: boolean;
  /** Null when no word matched. */
  hits: WordHits | null;
}

/**
 * What the lists do to an appeal: urgent words raise the urgency (never
 * lower it) to their highest level; a sensitive word flags it for review.
 */
export function checkAppeal(lists: CompiledLists, appeal: { title: string; content: string; urgency: Urgency }): WordCheck {
  const { urgent, sensitive } = findWords(lists, [appeal.title, appeal.content]);
  let urgency = appeal.urgency;
  for (const w of urgent) urgency = higherUrgency(urgency, w.level ?? 'urgent');
  if (urgent.length === 0 && sensitive.length === 0) return { urgency, reviewFlagged: false, hits: null };
  return {
    urgency,
    reviewFlagged: sensitive.length > 0,
    hits: {
      urgent: urgent.map((w) => w.word),
      sensitive: sensitive.map((w) => w.word),
      ...(urgency !== appeal.urgency ? { raisedFrom: appeal.urgency } : {}),
    },
  };
}

/** How a case stands with the lists before registration corrects its text. */
export interface WordsBefore {
  reviewFlagged: boolean;
  hits: (WordHits & Record<string, unknown>) | null;
}

/**
 * What the lists do when registration (登记立项) corrects an appeal's title or
 * content: the corrected text is checked as at intake. A sensitive word
 * that was not found before flags the case for review — again, even when a
 * reviewer had cleared the earlier words; words already found (and perhaps
 * reviewed) do not. Urgent words raise the urgency unless the registrar
 * set the urgency in the same step (`urgencyGiven`): that is a person's
 * decision. The words found are added to those found before (with who
 * cleared them, if anyone did). Null when nothing changes.
 */
export function recheckCorrected(
  lists: CompiledLists,
  corrected: { title: string; content: string; urgency: Urgency; urgencyGiven: boolean },
  before: WordsBefore,
): { urgency: Urgency; reviewFlagged: boolean; hits: WordHits & Record<string, unknown> } | null {
  const check = checkAppeal(lists, corrected);
  if (!check.hits) return null;
  const urgency = corrected.urgencyGiven ? corrected.urgency : check.urgency;
  const known = new Set(before.hits?.sensitive ?? []);
  const fresh = check.hits.sensitive.filter((w) => !known.has(w));
  const union = (a: readonly string[] = [], b: readonly string[]) => [...new Set([...a, ...b])];
  const hits: WordHits & Record<string, unknown> = {
    ...(before.hits ?? {}),
    urgent: union(before.hits?.urgent, check.hits.urgent),
    sensitive: union(before.hits?.sensitive, check.hits.sensitive),
  };
  if (urgency !== corrected.urgency && !hits.raisedFrom) hits.raisedFrom = corrected.urgency;
  const reviewFlagged = before.reviewFlagged || fresh.length > 0;
  const same = reviewFlagged === before.reviewFlagged && urgency === corrected.urgency
    && hits.urgent.length === (before.hits?.urgent.length ?? 0) && hits.sensitive.length === (before.hits?.sensitive.length ?? 0);
  return same ? null : { urgency, reviewFlagged, hits };
}

/**
 * A word as an administrator may list it.
 * @throws DomainError INVALID_INPUT for an empty word (after normalising), an
 * urgent word without a level, or a sensitive word with one.
 */
export function checkListedWord(input: { list: WordList; word: string; level?: RaisedLevel | null }): ListedWord & { normalized: string } {
  const word = input.word.normalize('NFKC').trim();
  const normalized = normalizeForWords(word);
  if (!normalized) throw invalidInput('词语不能为空（只有空格或标点）', 'the word is empty (only spaces or punctuation)');
  if (normalized.length > 30) throw invalidInput('词语过长（最多30个字）', 'the word is too long (at most 30 characters)');
  if (input.list === 'urgent' && !input.level) throw invalidInput('紧急词须指定紧急程度（urgent 或 critical）', 'an urgent word needs a level (urgent or critical)');
  if (input.list === 'sensitive' && input.level) throw invalidInput('敏感词不设紧急程度', 'a sensitive word has no level');
  return { list: input.list, word, normalized, level: input.list === 'urgent' ? input.level! : null };
}
