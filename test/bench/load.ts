/**
 * The load generator, run in a process of its own so that it does not share a core's
 * event loop with the server it measures. Reads a JSON job from argv[2]; prints one
 * JSON line: requests/s, latency percentiles, errors.
 *
 *   npx tsx test/bench/load.ts job.json   job: {"url":"http://127.0.0.1:4000/graphql","bodies":["{...}"],"connections":8,"durationSec":10,"warmupSec":2}
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

interface Job { url: string; bodies: string[]; connections: number; durationSec: number; warmupSec: number }

function run(job: Job, duration: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: job.url,
    connections: job.connections,
    duration,
    headers: { 'content-type': 'application/json' },
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: job.bodies[next++ % job.bodies.length] }) }],
  });
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Job;
  if (job.warmupSec > 0) await run(job, job.warmupSec);
  const r = await run(job, job.durationSec);
  process.stdout.write(
    `${JSON.stringify({
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      requests: r.requests.total,
      errors: r.errors + r.timeouts + r.non2xx,
    })}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
