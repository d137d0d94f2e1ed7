import type { Job } from './runner.ts';
import { outboxDispatchJob } from '../modules/notification/outbox.job.ts';
import { smsSendJob } from '../modules/notification/sms.job.ts';
import { sweepJob } from '../modules/deadline/sweeper.ts';
import { statsProjectJob } from '../modules/stats/stats.projector.ts';
import { bulletinScheduleJob } from '../modules/bulletin/bulletin.job.ts';
import { retentionJob } from '../modules/outbox/retention.ts';
import { hotTopicsJob } from '../modules/hottopic/hottopic.job.ts';
import { searchBackfillJob } from '../modules/search/search.job.ts';
import { retrainJob } from '../modules/routing/routing.job.ts';

/** Every periodic job the server runs (each module's job file is listed here). */
export const allJobs: Job[] = [outboxDispatchJob, smsSendJob, sweepJob, statsProjectJob, retentionJob, bulletinScheduleJob, hotTopicsJob, searchBackfillJob, retrainJob];
