import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Jieba, TfIdf } from '@node-rs/jieba';
import { parse } from 'csv-parse/sync';
import { DiceScorer, duplicateText, judgeDuplicate, similarTextThreshold } from '../src/domain/similarity.ts';
import { candidateLimits } from '../src/modules/duplicate/duplicate.repository.ts';
import { strongTextThreshold, suggestionLimit } from '../src/modules/duplicate/duplicate.service.ts';
import { textBands, textBandsBetween } from '../src/modules/duplicate/duplicate.signature.ts';
import { report, round } from './support.ts';

/**
 * Precision and recall of the repeat check (并单) on real appeals: the
 * development data's `appeals-with-votes.csv` (4,326 board messages with a
 * pseudonymous user, a time, a title and a text). Read from ../shared/data
 * when present; skipped otherwise. Nothing of the data is written: the
 * result holds counts and ratios, the hand judgements (bench/duplicates-judged.json)
 * message ids and labels only. Method and numbers: docs/duplicates.md.
 *
 * The detector is run as intake runs it: messages in time order; each one's
 * candidates are the earlier messages within the window (30 days) by the
 * same user (standing in for the phone; at most the latest 20) or naming
 * the same district (A1区…A9市, standing in for the region unit; at most the
 * latest 40) or sharing a text-signature band (duplicate.signature.ts;
 * the latest 10); scored by src/domain/similarity.ts, offered when
 * the product offers (same user, or same district and similar text, or
 * text alike ≥ 0.7 alone); the top 5 offered are its output. The data has
 * no addresses or coordinates. `--no-text` runs the detector without the
 * text source and the text-alone offer (as before 2026-11-27 17:00).
 *
 * The reference ("same problem") is a rule of its own, not the detector's
 * signals: the two messages' top-10 TF-IDF keywords (jieba, anonymised place
 * codes removed) overlap with a Jaccard index of at least 0.4. Hand
 * judgements of samples check the rule and the detector.
 *
 * `--print-sample <name>` prints a sample's pairs, with text, to judge by
 * hand (to the terminal only): `offered`, `reference`, `near` (keyword
 * Jaccard 0.2–0.4, not offered).
 */

const dataFile = path.resolve(import.meta.dirname, '../../shared/data/appeals-with-votes.csv');
const judgedFile = path.resolve(import.meta.dirname, 'duplicates-judged.json');
const windowDays = 30;
const referenceJaccard = 0.4;
const keywordCount = 10;
const dayMs = 86_400_000;

interface Message {
  id: string;
  user: string;
  at: number;
  title: string;
  detail: string;
  district: string | null;
  dupText: string;
  keywords: Set<string>;
}

export interface Judged {
  method: string;
  judgements: Record<string, Array<{ a: string; b: string; duplicate: boolean }>>;
}

export async function main(args: string[]) {
  const { values } = parseArgs({ args, options: { 'print-sample': { type: 'string' }, size: { type: 'string', default: '40' }, 'no-text': { type: 'boolean', default: false } } });
  textSource = !values['no-text'];
  if (!fs.existsSync(dataFile)) {
    console.log(JSON.stringify({ benchmark: 'duplicates', skipped: `no ${path.relative(process.cwd(), dataFile)}` }));
    return;
  }
  const messages = loadMessages();
  const offered = runDetector(messages);
  const reference = referencePairs(messages);
  const key = (a: Message, b: Message) => (a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`);
  const byId = new Map(messages.map((m) => [m.id, m]));

  if (values['print-sample']) {
    printSample(values['print-sample'], Number(values.size), { messages, offered, reference, byId });
    return;
  }

  const metrics = (predicted: Map<string, unknown>, truth: Map<string, unknown>) => {
    let tp = 0;
    for (const k of predicted.keys()) if (truth.has(k)) tp++;
    return { predicted: predicted.size, reference: truth.size, true_positives: tp, precision: round(tp / Math.max(1, predicted.size)), recall: round(tp / Math.max(1, truth.size)) };
  };
  const arm = (pred: (o: Offer) => boolean) => new Map([...offered].filter(([, o]) => pred(o)));
  const sameUser = (o: Offer) => o.reasons.includes('same_phone');
  const textAlone = (o: Offer) => !o.samePlace && !o.reasons.includes('same_phone');

  // The text threshold of the same-place arm alone (every same-district candidate, no top-5 cut):
  // chosen on the first half of the messages (by time), checked on the second.
  const split = messages[Math.floor(messages.length / 2)].at;
  const thresholds = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6].map((t) => {
    const placeArm = (half: 'first' | 'second') => {
      const inHalf = (k: string) => {
        const [a] = k.split('|').map((id) => byId.get(id)!.at);
        return half === 'first' ? a < split : a >= split;
      };
      const pred = new Map([...placeScored].filter(([k, text]) => inHalf(k) && text >= t));
      const truth = new Map([...reference].filter(([k]) => inHalf(k) && placeCandidates.has(k)));
      return metrics(pred, truth);
    };
    return { text_threshold: t, first_half: placeArm('first'), second_half: placeArm('second') };
  });

  const judged = fs.existsSync(judgedFile) ? (JSON.parse(fs.readFileSync(judgedFile, 'utf8')) as Judged) : undefined;
  const near = referencePairs(messages, 0.2);
  const nearNotOffered = [...near.keys()].filter((k) => !reference.has(k) && !offered.has(k)).length;
  const hand = judged ? handMetrics(judged, offered, reference, key, byId, nearNotOffered) : null;

  report('duplicates', {
    data: 'appeals-with-votes.csv (development data, not in the repository)',
    messages: messages.length,
    with_district: messages.filter((m) => m.district).length,
    window_days: windowDays,
    candidate_limits: { phone: candidateLimits.phone, region: candidateLimits.region, text: textSource ? candidateLimits.text : 0 },
    text_source: textSource,
    text_alone_threshold: textSource ? strongTextThreshold : null,
    text_candidates_per_message: round(textCandidateCount / Math.max(1, messages.length)),
    text_threshold: similarTextThreshold,
    reference_rule: `top-${keywordCount} TF-IDF keywords, Jaccard >= ${referenceJaccard}, within ${windowDays} days`,
    reference_pairs: reference.size,
    detector_vs_reference: metrics(offered, reference),
    same_user_arm: metrics(arm(sameUser), reference),
    same_place_arm: metrics(arm((o) => !sameUser(o) && o.samePlace), reference),
    text_alone_arm: metrics(arm(textAlone), reference),
    reference_reachable_by_candidates: round([...reference.keys()].filter((k) => placeCandidates.has(k) || userCandidates.has(k) || textCandidates.has(k)).length / Math.max(1, reference.size)),
    place_arm_thresholds: thresholds,
    near_pairs_not_offered: nearNotOffered,
    hand_checked: hand,
  });
}

interface Offer { score: number; text: number; samePlace: boolean; reasons: string[] }
const isTextAlone = (o: Offer) => !o.samePlace && !o.reasons.includes('same_phone');
/** Pairs that were candidates at all, by source (for what the detector could reach). */
const placeCandidates = new Set<string>();
const userCandidates = new Set<string>();
const textCandidates = new Set<string>();
let textSource = true;
let textCandidateCount = 0;
/** Text similarity of every same-district candidate pair (for the threshold sweep, top-5 cut aside). */
const placeScored = new Map<string, number>();

function loadMessages(): Message[] {
  const rows = parse(fs.readFileSync(dataFile), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  const { dict, idf } = createRequire(import.meta.url)('@node-rs/jieba/dict') as { dict: Uint8Array; idf: Uint8Array };
  const jieba = Jieba.withDict(dict);
  const tfidf = TfIdf.withDict(idf);
  const anonymised = /^[a-z]\d*$/i;
  return rows.map((r) => {
    const title = r['留言主题'].trim();
    const detail = r['留言详情'].replace(/\s+/g, ' ').trim();
    const district = /A\d+[区县市]/.exec(`${title} ${detail}`)?.[0] ?? null;
    const keywords = new Set(tfidf.extractKeywords(jieba, `${title} ${title} ${detail}`, keywordCount + 5)
      .map((k) => k.keyword).filter((k) => !anonymised.test(k) && k.length > 1).slice(0, keywordCount));
    return {
      id: r['留言编号'], user: r['留言用户'], at: shanghaiTime(r['留言时间']),
      title, detail, district, dupText: duplicateText(title, detail), keywords,
    };
  }).filter((m) => Number.isFinite(m.at)).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** '2019/2/28 11:25:05' or '2019-02-28 11:25:05', Beijing time, in ms (NaN when unreadable). */
function shanghaiTime(s: string): number {
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(s.trim());
  if (!m) return NaN;
  const [, y, mo, d, h, mi, se] = m.map(Number);
  return Date.UTC(y, mo - 1, d, h - 8, mi, se || 0);
}

/** The detector as intake runs it, for every message against the earlier ones (see the module comment). */
function runDetector(messages: Message[]): Map<string, Offer> {
  const offered = new Map<string, Offer>();
  const byUser = new Map<string, Message[]>();
  const byDistrict = new Map<string, Message[]>();
  const byBand = new Map<number, Message[]>();
  for (const m of messages) {
    const recent = (list: Message[] | undefined, limit: number) =>
      (list ?? []).filter((x) => m.at - x.at <= windowDays * dayMs).slice(-limit);
    const fromUser = recent(byUser.get(m.user), candidateLimits.phone);
    const fromDistrict = m.district ? recent(byDistrict.get(m.district), candidateLimits.region) : [];
    // The text source: the latest 10 earlier messages in the window sharing a signature band (as the SQL takes them).
    const shared = new Map<Message, number>();
    if (textSource) {
      for (const band of textBandsBetween(m.dupText, new Date(m.at - windowDays * dayMs), new Date(m.at)) ?? []) {
        for (const x of byBand.get(band) ?? []) if (m.at - x.at <= windowDays * dayMs) shared.set(x, (shared.get(x) ?? 0) + 1);
      }
    }
    const fromText = [...shared.keys()].sort((a, b) => b.at - a.at).slice(0, candidateLimits.text);
    textCandidateCount += fromText.length;
    const scorer = new DiceScorer(m.dupText);
    const seen = new Set<string>();
    const scored: Array<{ other: Message; offer: Offer }> = [];
    const textFound = new Set(fromText);
    for (const other of [...fromUser, ...fromDistrict, ...fromText]) {
      if (seen.has(other.id)) continue;
      seen.add(other.id);
      const pair = other.id < m.id ? `${other.id}|${m.id}` : `${m.id}|${other.id}`;
      const sameUser = other.user === m.user;
      const sameRegion = m.district !== null && other.district === m.district;
      if (sameUser) userCandidates.add(pair);
      if (sameRegion) placeCandidates.add(pair);
      if (textFound.has(other)) textCandidates.add(pair);
      const text = scorer.score(other.dupText);
      if (sameRegion) placeScored.set(pair, text);
      const v = judgeDuplicate({ text, samePhone: sameUser, sameRegion, addressOverlap: false, distanceMeters: null });
      if (v.offered || (textSource && text >= strongTextThreshold)) scored.push({ other, offer: { score: v.score, text, samePlace: sameRegion, reasons: v.reasons } });
    }
    scored.sort((a, b) => b.offer.score - a.offer.score || b.other.at - a.other.at);
    for (const { other, offer } of scored.slice(0, suggestionLimit)) {
      offered.set(other.id < m.id ? `${other.id}|${m.id}` : `${m.id}|${other.id}`, offer);
    }
    byUser.set(m.user, [...(byUser.get(m.user) ?? []), m]);
    if (m.district) byDistrict.set(m.district, [...(byDistrict.get(m.district) ?? []), m]);
    if (textSource) for (const band of textBands(m.dupText, new Date(m.at)) ?? []) byBand.set(band, [...(byBand.get(band) ?? []), m]);
  }
  return offered;
}

/** Pairs within the window whose keyword sets overlap enough (value: the Jaccard index). */
function referencePairs(messages: Message[], min = referenceJaccard): Map<string, number> {
  const out = new Map<string, number>();
  const index = new Map<string, number[]>();
  messages.forEach((m, i) => m.keywords.forEach((k) => index.set(k, [...(index.get(k) ?? []), i])));
  messages.forEach((m, i) => {
    const shared = new Map<number, number>();
    for (const k of m.keywords) for (const j of index.get(k) ?? []) if (j < i) shared.set(j, (shared.get(j) ?? 0) + 1);
    for (const [j, common] of shared) {
      const other = messages[j];
      if (m.at - other.at > windowDays * dayMs) continue;
      const jaccard = common / (m.keywords.size + other.keywords.size - common);
      if (jaccard >= min) out.set(other.id < m.id ? `${other.id}|${m.id}` : `${m.id}|${other.id}`, jaccard);
    }
  });
  return out;
}

/** A seeded shuffle, so a sample is the same on every run. */
function sample<T>(items: T[], n: number, seed: number): T[] {
  const a = [...items];
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

/** The pairs of each hand-judged sample (the same on every run). */
function samples(ctx: { offered: Map<string, Offer>; reference: Map<string, number>; messages: Message[] }) {
  const near = referencePairs(ctx.messages, 0.2);
  return {
    offered: sample([...ctx.offered.keys()].sort(), 50, 11),
    reference: sample([...ctx.reference.keys()].sort(), 50, 12),
    near: sample([...near.keys()].filter((k) => !ctx.reference.has(k) && !ctx.offered.has(k)).sort(), 40, 13),
    /** Offered for their text alone (no user or district in common): the text source's own offers. */
    text_alone: sample([...ctx.offered].filter(([, o]) => isTextAlone(o)).map(([k]) => k).sort(), 30, 14),
  };
}

function printSample(name: string, size: number, ctx: { messages: Message[]; offered: Map<string, Offer>; reference: Map<string, number>; byId: Map<string, Message> }) {
  const pairs = (samples(ctx) as Record<string, string[]>)[name]?.slice(0, size);
  if (!pairs) throw new Error(`unknown sample ${name}; known: offered, reference, near, text_alone`);
  for (const k of pairs) {
    const [a, b] = k.split('|').map((id) => ctx.byId.get(id)!);
    const o = ctx.offered.get(k);
    console.log(`${k}  offered=${o ? `${o.score}/${o.reasons.join('+')}` : '-'}  ref=${round(ctx.reference.get(k) ?? 0)}  sameUser=${a.user === b.user}`);
    for (const m of [a, b]) console.log(`   ${m.title} ｜ ${m.detail.slice(0, 110)}`);
  }
}

/**
 * Precision and recall against the hand judgements. Precision: the judged
 * share of true duplicates in the sample of offered pairs. Recall, estimated
 * by strata: true duplicates ≈ |reference pairs| × the judged rate in their
 * sample + |near pairs not offered| × the judged rate in theirs + |offered
 * pairs outside the reference| × the judged rate among those; found = the
 * offered share of the judged-true reference pairs × their estimate + the
 * offered true ones outside. Pairs with keyword Jaccard under 0.2 that were
 * not offered are assumed not to be duplicates (none were seen in reading).
 */
function handMetrics(judged: Judged, offered: Map<string, Offer>, reference: Map<string, number>, key: (a: Message, b: Message) => string, byId: Map<string, Message>, nearNotOffered: number) {
  const pairKey = (j: { a: string; b: string }) => key(byId.get(j.a)!, byId.get(j.b)!);
  const of = (name: string) => (judged.judgements[name] ?? []).filter((j) => byId.has(j.a) && byId.has(j.b));
  const rate = (list: Array<{ duplicate: boolean }>) => list.filter((j) => j.duplicate).length / Math.max(1, list.length);
  const offeredSample = of('offered');
  const referenceSample = of('reference');
  const nearSample = of('near');
  const textSample = of('text_alone');
  const trueReference = referenceSample.filter((j) => j.duplicate);
  // Two strata of offers: by user or district (the 'offered' sample, drawn before the text source) and by text alone.
  const alone = (k: string) => { const o = offered.get(k); return o !== undefined && isTextAlone(o); };
  const offeredOutside = offeredSample.filter((j) => !reference.has(pairKey(j)));
  const textOutside = textSample.filter((j) => !reference.has(pairKey(j)));
  const outsideKeys = [...offered.keys()].filter((k) => !reference.has(k));
  const offeredOutsideCount = outsideKeys.filter((k) => !alone(k)).length;
  const textOutsideCount = outsideKeys.filter(alone).length;
  const textOfferCount = [...offered.keys()].filter(alone).length;

  const tReference = reference.size * rate(referenceSample);
  const tNear = nearNotOffered * rate(nearSample);
  const tOutside = offeredOutsideCount * rate(offeredOutside) + textOutsideCount * rate(textOutside.length ? textOutside : textSample);
  const foundShare = trueReference.filter((j) => offered.has(pairKey(j))).length / Math.max(1, trueReference.length);
  const recall = (tReference * foundShare + tOutside) / Math.max(1, tReference + tNear + tOutside);

  // Why true duplicates were missed: never a candidate (another user, no shared district), or scored too low.
  const missed = [...trueReference, ...nearSample.filter((j) => j.duplicate)].filter((j) => !offered.has(pairKey(j)));
  const notCandidate = missed.filter((j) => {
    const [a, b] = [byId.get(j.a)!, byId.get(j.b)!];
    return a.user !== b.user && (a.district === null || a.district !== b.district);
  }).length;

  const withText = offeredSample.filter((j) => (offered.get(pairKey(j))?.reasons ?? []).includes('similar_text'));
  const sameUserOnly = offeredSample.filter((j) => !(offered.get(pairKey(j))?.reasons ?? []).includes('similar_text'));
  return {
    judged_pairs: offeredSample.length + referenceSample.length + nearSample.length + textSample.length,
    precision: round(((offered.size - textOfferCount) * rate(offeredSample) + textOfferCount * rate(textSample)) / Math.max(1, offered.size)),
    precision_by_user_or_district: { offers: offered.size - textOfferCount, judged: offeredSample.length, precision: round(rate(offeredSample)) },
    precision_text_alone: { offers: textOfferCount, judged: textSample.length, precision: textSample.length ? round(rate(textSample)) : null },
    precision_with_similar_text: { pairs: withText.length, precision: round(rate(withText)) },
    precision_same_phone_only: { pairs: sameUserOnly.length, precision: round(rate(sameUserOnly)) },
    recall_estimate: round(recall),
    reference_rule_precision: round(rate(referenceSample)),
    duplicates_among_near_misses: round(rate(nearSample)),
    offered_share_of_true_reference_pairs: round(foundShare),
    estimated_true_pairs: Math.round(tReference + tNear + tOutside),
    missed_in_samples: { pairs: missed.length, never_candidates: notCandidate, candidates_scored_too_low: missed.length - notCandidate },
  };
}
