/**
 * The load generator, run in a process of its own so that it does not share a core's
 * event loop with the server it measures. Reads a JSON job from argv[2]; prints one
 * JSON line: requests/s, latency percentiles, errors. With one connection the requests
 * are sent one after another and timed to the microsecond (autocannon's percentiles are
 * whole milliseconds, too coarse for a query answered in less than one).
 *
 *   npx tsx test/bench/load.ts job.json   job: {"url":"http://127.0.0.1:4000/graphql","bodies":["{...}"],"connections":8,"durationSec":10,"warmupSec":2}
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

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

interface Timed { ms: number[]; errors: number; seconds: number }

/** One client: each request sent when the previous answer has arrived, on one kept-alive connection. */
async function sequential(job: Job, duration: number): Promise<Timed> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(job.url);
  const ms: number[] = [];
  let errors = 0;
  const started = process.hrtime.bigint();
  const end = started + BigInt(Math.round(duration * 1e9));
  for (let i = 0; process.hrtime.bigint() < end; i++) {
    const body = job.bodies[i % job.bodies.length]!;
    const t = process.hrtime.bigint();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (status !== 200) errors++;
  }
  agent.destroy();
  return { ms, errors, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Job;
  if (job.connections === 1) {
    if (job.warmupSec > 0) await sequential(job, job.warmupSec);
    const r = await sequential(job, job.durationSec);
    const sorted = [...r.ms].sort((a, b) => a - b);
    const line = { rps: r.ms.length / r.seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), requests: r.ms.length, errors: r.errors };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }
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
