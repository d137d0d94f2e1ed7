import type { Job } from './runner.ts';

/** Every periodic job the server runs (each module's job file is listed here). */
export const allJobs: Job[] = [];
