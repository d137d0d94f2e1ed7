import type { Queryable } from '../../db/database.ts';
import type { CaseRow } from '../../db/schema.ts';
import {
  DiceScorer, distanceMeters, duplicateText, judgeDuplicate, placesOverlap, placeText, type DuplicateReason,
} from '../../domain/similarity.ts';
import type { SessionActor } from '../../http/context.ts';
import { findVisibleCase } from '../case/case.repository.ts';
import { configSnapshot } from '../deadline/config.cache.ts';
import { phoneKey } from '../hotline/phone.ts';
import { findCandidates, type CandidateRow } from './duplicate.repository.ts';

/**
 * The repeat check (并单): scores an appeal's candidates (same phone, same
 * region, nearby — duplicate.repository.ts) with src/domain/similarity.ts
 * and keeps the ones offered, best first.
 */

/** How many likely duplicates are offered. */
export const suggestionLimit = 5;

/**
 * Text this alike (bigram Dice) is offered without a phone or place in
 * common: a problem retold or copied by another citizen, wherever the
 * operator put it (the text source of candidates, duplicate.signature.ts).
 * Chosen on the development data (docs/duplicates.md): nine in ten such
 * offers read as the same problem.
 */
export const strongTextThreshold = 0.7;

export interface SuggestedDuplicate {
  caseId: number;
  number: string;
  title: string;
  state: string;
  channel: string;
  receivedAt: Date;
  /** 0–1 (src/domain/similarity.ts). */
  score: number;
  /** Bigram Dice of the normalised texts, 0–1. */
  textSimilarity: number;
  reasons: DuplicateReason[];
}

/** What of the appeal itself the scorer compares. */
export interface AppealFacts {
  dupText: string;
  /** The comparable phone number (the hotline's `phoneKey`). */
  phoneKey: string | null;
  regionUnitId: number | null;
  /** The normalised address (`placeText`). */
  place: string | null;
  lat: number | null;
  lng: number | null;
}

/** The offered candidates, best score first (newest first on a tie), at most `limit`. */
export function rankDuplicates(appeal: AppealFacts, candidates: readonly CandidateRow[], limit = suggestionLimit): SuggestedDuplicate[] {
  const mine = new DiceScorer(appeal.dupText);
  const myPlace = appeal.place ? new DiceScorer(appeal.place) : null;
  const seen = new Set<number>();
  const out: SuggestedDuplicate[] = [];
  for (const c of candidates) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const text = mine.score(c.dupText ?? duplicateText(c.title, c.contentHead ?? ''));
    const verdict = judgeDuplicate({
      text,
      samePhone: appeal.phoneKey !== null && c.citizenPhone !== null && phoneKey(c.citizenPhone) === appeal.phoneKey,
      sameRegion: appeal.regionUnitId != null && c.regionUnitId === appeal.regionUnitId,
      addressOverlap: myPlace !== null && placesOverlap(appeal.place, c.dupPlace ?? placeText(c.address), myPlace),
      distanceMeters: appeal.lat != null && appeal.lng != null && c.lat != null && c.lng != null
        ? distanceMeters({ lat: appeal.lat, lng: appeal.lng }, { lat: c.lat, lng: c.lng }) : null,
    });
    // judgeDuplicate's reasons already include similar_text (t ≥ 0.7 > its threshold), and its score is t alone here.
    const textAlone = !verdict.offered && text >= strongTextThreshold;
    if (!verdict.offered && !textAlone) continue;
    out.push({
      caseId: c.id, number: c.number, title: c.title, state: c.state, channel: c.channel, receivedAt: new Date(c.receivedAt),
      score: verdict.score, textSimilarity: Math.round(text * 1000) / 1000, reasons: verdict.reasons,
    });
  }
  return out.sort((a, b) => b.score - a.score || b.receivedAt.getTime() - a.receivedAt.getTime()).slice(0, limit);
}

/** The appeal facts of a stored case. */
export function appealFactsOf(row: Pick<CaseRow, 'title' | 'content' | 'dupText' | 'dupPlace' | 'citizenPhone' | 'regionUnitId' | 'address' | 'lat' | 'lng'>): AppealFacts {
  return {
    dupText: row.dupText ?? duplicateText(row.title, row.content),
    phoneKey: row.citizenPhone ? phoneKey(row.citizenPhone) : null,
    place: row.dupPlace ?? placeText(row.address),
    regionUnitId: row.regionUnitId, lat: row.lat, lng: row.lng,
  };
}

/**
 * The likely duplicates of a case the actor may see, among the cases the
 * actor may see, within the repeat window around its arrival.
 * @throws CASE_NOT_FOUND when absent or not visible to the actor.
 */
export async function findDuplicatesOf(db: Queryable, actor: SessionActor, caseId: number): Promise<{ case: CaseRow; windowDays: number; items: SuggestedDuplicate[] }> {
  const row = await findVisibleCase(db, actor, caseId);
  const facts = appealFactsOf(row);
  const { duplicateWindowDays } = await configSnapshot(db);
  const candidates = await findCandidates(db, actor, {
    phone: row.citizenPhone, regionUnitId: row.regionUnitId, lat: row.lat, lng: row.lng, place: facts.place,
    at: new Date(row.receivedAt), windowDays: duplicateWindowDays, excludeCaseId: row.id, dupText: facts.dupText,
  });
  return { case: row, windowDays: duplicateWindowDays, items: rankDuplicates(facts, candidates) };
}
