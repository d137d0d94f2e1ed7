/**
 * The load generator of `bench/intake.ts`, run as a child process (forked,
 * IPC) so that autocannon's client does not share the server's event loop.
 * Receives the target and the bodies, cycles through the bodies, sends the
 * summary back and exits.
 */
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  path: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  durationSeconds: number;
}

export interface LoadSummary {
  rps: number;
  rpsMin: number;
  rpsStddev: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
}

const job = await new Promise<LoadJob>((resolve) => process.once('message', (m) => resolve(m as LoadJob)));
let next = 0;
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.durationSeconds,
  timeout: 10,
  requests: [{
    method: 'POST',
    path: job.path,
    headers: { 'content-type': 'application/json', ...job.headers },
    setupRequest: (req) => ({ ...req, body: job.bodies[next++ % job.bodies.length] }),
  }],
});
const summary: LoadSummary = {
  rps: result.requests.average,
  rpsMin: result.requests.min,
  rpsStddev: result.requests.stddev,
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCounts: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
};
process.send!(summary, () => process.exit(0));
