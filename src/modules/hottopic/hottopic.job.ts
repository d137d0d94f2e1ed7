import type { Trx } from '../../db/database.ts';
import { clusterAppeals, isSurging, type Cluster } from '../../domain/hottopics.ts';
import type { Job } from '../../jobs/runner.ts';
import { resolveAudience } from '../notification/notification.repository.ts';
import type { Audience } from '../notification/recipients.ts';
import {
  arrivalCounts, deactivateTopics, labelOf, loadRecentAppeals, loadStoredTopics, purgeOldTopics, saveTopic, type StoredTopic,
} from './hottopic.repository.ts';
import { getHotTopicSettings, type HotTopicSettings } from './hottopic.settings.ts';
import { surgeMessage, type NotificationFacts } from '../notification/templates.ts';

/**
 * The `hot-topics` job: clusters the recent appeals (src/domain/hottopics.ts),
 * stores the topics, and alerts the centre when one grows fast. Runs under
 * an advisory lock (one process city-wide) in one transaction: readers see
 * the old topics or the new ones, never half a run.
 */
export const HOT_TOPICS_JOB = 'hot-topics';

/** Who hears that a topic grows fast (快速升温): the centre's dispatchers, supervisors and administrators. */
export const surgeAudience: Audience = { kind: 'centre', roles: ['dispatcher', 'supervisor', 'admin'] };
export const SURGE_EVENT = 'hotTopic.surge';
/** Topics that stopped forming are kept this long after their last appeal (links, history), then deleted. */
export const keepInactiveDays = 365;

export interface HotTopicRun {
  appeals: number;
  topics: number;
  created: number;
  deactivated: number;
  alerts: number[];
}

/**
 * Each new cluster continues the stored topic it shares most appeals with
 * (largest clusters choose first; a topic is continued once), so topic ids,
 * alerts and links survive reruns; clusters sharing none become new topics.
 */
export function matchTopics(clusters: readonly Cluster[], stored: readonly StoredTopic[]): Array<StoredTopic | undefined> {
  const taken = new Set<number>();
  const owner = new Map<number, StoredTopic[]>();
  for (const t of stored) for (const id of t.caseIds) owner.set(id, [...(owner.get(id) ?? []), t]);
  return clusters.map((c) => {
    const shared = new Map<StoredTopic, number>();
    for (const id of c.caseIds) for (const t of owner.get(id) ?? []) if (!taken.has(t.id)) shared.set(t, (shared.get(t) ?? 0) + 1);
    const best = [...shared].sort((a, b) => b[1] - a[1] || a[0].id - b[0].id)[0]?.[0];
    if (best) taken.add(best.id);
    return best;
  });
}

/**
 * A topic's words and place must not name its citizens (labels reach
 * notifications): words that are, contain or are part of a member's name
 * (two characters or more) are dropped.
 */
export function withoutNames(clusters: Cluster[], names: Map<number, string | null>): Cluster[] {
  return clusters.map((c) => {
    const own = c.caseIds.map((id) => names.get(id)?.trim()).filter((n): n is string => !!n && [...n].length >= 2);
    if (!own.length) return c;
    const named = (w: string) => own.some((n) => n.includes(w) || w.includes(n));
    return { ...c, terms: c.terms.filter((w) => !named(w)), place: c.place && named(c.place) ? null : c.place };
  });
}

/** One run at `now`, in the caller's transaction (which holds the job's lock). */
export async function computeHotTopics(trx: Trx, now: Date, settings?: HotTopicSettings): Promise<HotTopicRun> {
  const s = settings ?? await getHotTopicSettings(trx);
  const from = new Date(now.getTime() - s.lookbackDays * 86_400_000);
  const appeals = await loadRecentAppeals(trx, from, now);
  const clusters = withoutNames(clusterAppeals(appeals, {
    threshold: s.threshold, placelessThreshold: s.placelessThreshold, windowDays: s.windowDays, minSize: s.minSize,
  }), new Map(appeals.map((a) => [a.id, a.citizenName])));
  const stored = await loadStoredTopics(trx, from);
  const matches = matchTopics(clusters, stored);
  const receivedAt = new Map(appeals.map((a) => [a.id, a.receivedAt]));
  const run: HotTopicRun = { appeals: appeals.length, topics: clusters.length, created: 0, deactivated: 0, alerts: [] };
  const kept = new Set<number>();
  for (const [i, c] of clusters.entries()) {
    const previous = matches[i];
    const id = await saveTopic(trx, previous?.id, c, receivedAt, now);
    kept.add(id);
    if (!previous) run.created += 1;
    if (await maybeAlert(trx, id, c, previous?.alertedAt ?? null, from, now, s)) run.alerts.push(id);
  }
  const gone = stored.map((t) => t.id).filter((id) => !kept.has(id));
  await deactivateTopics(trx, gone);
  run.deactivated = gone.length;
  await purgeOldTopics(trx, new Date(now.getTime() - keepInactiveDays * 86_400_000));
  return run;
}

/**
 * Alerts the centre when the topic is surging ({@link isSurging}) and has
 * not alerted within the cool-down: an outbox event (for the record) and
 * the in-app notifications it makes, in this transaction. No personal data:
 * the label is a place and words; no case is named.
 */
async function maybeAlert(trx: Trx, topicId: number, c: Cluster, alertedAt: Date | null, from: Date, now: Date, s: HotTopicSettings): Promise<boolean> {
  if (alertedAt && now.getTime() - alertedAt.getTime() < s.alertCooldownHours * 3_600_000) return false;
  const since = c.firstAt > from ? c.firstAt : from;
  const { last24h, before } = await arrivalCounts(trx, topicId, since, now);
  const beforeDays = Math.max(0, (now.getTime() - 86_400_000 - since.getTime()) / 86_400_000);
  if (!isSurging(last24h, before, beforeDays, { minNew: s.alertMinNew, factor: s.alertFactor, cooldownHours: s.alertCooldownHours })) return false;

  const label = labelOf(c);
  const payload = { topicId, label, last24h, before, size: c.caseIds.length };
  const event = await trx.insertInto('outbox')
    .values({ eventType: SURGE_EVENT, caseId: null, payload: JSON.stringify(payload), createdAt: now, processedAt: now })
    .returning('id').executeTakeFirstOrThrow();
  const users = await resolveAudience(trx, surgeAudience);
  if (users.length) {
    const facts: NotificationFacts = { surge: { label, last24h, dailyBefore: beforeDays >= 1 ? before / beforeDays : null, total: c.caseIds.length } };
    const msg = surgeMessage(facts.surge);
    await trx.insertInto('notifications').values(users.map((userId) => ({
      userId, caseId: null, kind: SURGE_EVENT, outboxId: event.id, title: msg.title, body: msg.body, facts: JSON.stringify(facts),
    }))).onConflict((oc) => oc.columns(['outboxId', 'userId']).doNothing()).execute();
  }
  await trx.updateTable('hotTopics').set({ alertedAt: now }).where('id', '=', topicId).execute();
  return true;
}

export const hotTopicsJob: Job = {
  name: HOT_TOPICS_JOB,
  everyMs: 15 * 60_000,
  exclusive: true,
  run: async (_deps, trx) => {
    if (!trx) throw new Error('the hot-topics job runs exclusively, in a transaction');
    return computeHotTopics(trx, new Date());
  },
};
