import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';
import * as foundation from './migrations/2026-11-27T00-00_foundation.ts';
import * as calendarPolicy from './migrations/2026-11-27T01-00_calendar_policy.ts';
import * as deadlines from './migrations/2026-11-27T02-00_deadlines.ts';
import * as notifications from './migrations/2026-11-27T03-00_notifications.ts';
import * as hardCases from './migrations/2026-11-27T04-00_hard_cases.ts';
import * as imports from './migrations/2026-11-27T08-00_imports.ts';
import * as open311 from './migrations/2026-11-27T07-00_open311.ts';
import * as board from './migrations/2026-11-27T05-00_board.ts';
import * as hotline from './migrations/2026-11-27T06-00_hotline.ts';
import * as stats from './migrations/2026-11-27T10-00_stats.ts';
import * as duplicates from './migrations/2026-11-27T09-00_duplicates.ts';
import * as search from './migrations/2026-11-27T11-00_search.ts';
import * as bulletins from './migrations/2026-11-27T15-00_bulletins.ts';
import * as unitBoundaries from './migrations/2026-11-27T16-00_unit_boundaries.ts';
import * as routing from './migrations/2026-11-27T12-00_routing.ts';
import * as wordlists from './migrations/2026-11-27T12-30_wordlists.ts';
import * as hotTopics from './migrations/2026-11-27T13-00_hot_topics.ts';
import * as assessment from './migrations/2026-11-27T14-00_assessment.ts';
import * as intake from './migrations/2026-11-27T17-00_intake.ts';
import * as scopeIndexes from './migrations/2026-11-27T18-00_scope_indexes.ts';
import * as ginPending from './migrations/2026-11-27T19-00_gin_pending.ts';
import * as userHistory from './migrations/2026-11-27T19-30_user_history.ts';
import * as notificationFacts from './migrations/2026-11-27T20-00_notification_facts.ts';

/** Every migration, in order. Names are timestamps; files are frozen once landed. */
const migrations: Record<string, Migration> = {
  '2026-11-27T00-00_foundation': foundation,
  '2026-11-27T01-00_calendar_policy': calendarPolicy,
  '2026-11-27T02-00_deadlines': deadlines,
  '2026-11-27T03-00_notifications': notifications,
  '2026-11-27T04-00_hard_cases': hardCases,
  '2026-11-27T08-00_imports': imports,
  '2026-11-27T07-00_open311': open311,
  '2026-11-27T05-00_board': board,
  '2026-11-27T06-00_hotline': hotline,
  '2026-11-27T10-00_stats': stats,
  '2026-11-27T09-00_duplicates': duplicates,
  '2026-11-27T11-00_search': search,
  '2026-11-27T15-00_bulletins': bulletins,
  '2026-11-27T16-00_unit_boundaries': unitBoundaries,
  '2026-11-27T12-00_routing': routing,
  '2026-11-27T12-30_wordlists': wordlists,
  '2026-11-27T13-00_hot_topics': hotTopics,
  '2026-11-27T14-00_assessment': assessment,
  '2026-11-27T17-00_intake': intake,
  '2026-11-27T18-00_scope_indexes': scopeIndexes,
  '2026-11-27T19-00_gin_pending': ginPending,
  '2026-11-27T19-30_user_history': userHistory,
  '2026-11-27T20-00_notification_facts': notificationFacts,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema to the newest version. Safe from several processes at
 * once: Kysely's migrator holds a lock table while it runs.
 * @throws the migration's own error, after rolling it back.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.withoutPlugins(), provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
