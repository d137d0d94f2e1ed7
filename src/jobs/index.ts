import type { Job } from './runner.ts';
import { outboxDispatchJob } from '../modules/notification/outbox.job.ts';
import { smsSendJob } from '../modules/notification/sms.job.ts';
import { sweepJob } from '../modules/deadline/sweeper.ts';
import { statsProjectJob } from '../modules/stats/stats.projector.ts';

/** Every periodic job the server runs (each module's job file is listed here). */
export const allJobs: Job[] = [outboxDispatchJob, smsSendJob, sweepJob, statsProjectJob];
