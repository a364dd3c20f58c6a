/**
 * The explorer's budgets, measured and printed (never asserted): the time from navigation
 * to a drawn graph for the first view of an entity on the seed, in headless Chromium, and
 * the size of its assets as sent compressed. `npm run bench:explorer [-- --runs 10]`.
 *
 * The built server (it builds dist/ first) runs on a fresh embedded store loaded with the seed.
 * Each run opens the page in a new browser context (no cache: a first visit) and reads the
 * performance marks the page sets: `explorer:script` when its script starts, and
 * `explorer:graph-drawn` when the first graph is laid out.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { EXPLORER_FILES } from '../../src/http/explorer-page';
import { PROJECT_ROOT } from '../../src/paths';
import { listening, startServer } from '../helpers/server-process';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 10);
const views = ['?entity=fidus', '?entity=fidus&view=downstream', '?entity=cirb', '?entity=gartner&view=paths&to=bernard-clerfayt'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'explorer-bench-'));
  const server = startServer({ DATA_DIR: dataDir });
  const origin = new URL((await listening(server)).url).origin;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    console.log('| asset | identity | gzip | brotli |\n|---|---:|---:|---:|');
    const total = { identity: 0, gzip: 0, br: 0 };
    for (const path of Object.keys(EXPLORER_FILES)) {
      const sizes = { identity: 0, gzip: 0, br: 0 };
      for (const enc of ['identity', 'gzip', 'br'] as const) {
        const res = await fetch(`${origin}${path}`, { headers: { 'accept-encoding': enc } });
        // fetch decodes the body: read the length sent on the wire.
        sizes[enc] = Number(res.headers.get('content-length') ?? (await res.arrayBuffer()).byteLength);
        if (res.headers.get('content-length')) await res.arrayBuffer();
        total[enc] += sizes[enc];
      }
      console.log(`| ${path} | ${sizes.identity} | ${sizes.gzip} | ${sizes.br} |`);
    }
    console.log(`| all | ${total.identity} | ${total.gzip} | ${total.br} |\n`);

    console.log(`First view to a drawn graph, headless Chromium, 1366x768, ${runs} first visits each (ms since navigation):\n`);
    console.log('| view | script starts (median) | graph drawn (median) | graph drawn (max) |\n|---|---:|---:|---:|');
    for (const view of views) {
      const script: number[] = [];
      const drawn: number[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await context.newPage();
        await page.goto(`${origin}/explore${view}`);
        await page.waitForFunction(() => performance.getEntriesByName('explorer:graph-drawn').length > 0, undefined, { timeout: 20000 });
        const marks = await page.evaluate(() => ({
          script: performance.getEntriesByName('explorer:script')[0]!.startTime,
          drawn: performance.getEntriesByName('explorer:graph-drawn')[0]!.startTime,
        }));
        script.push(marks.script);
        drawn.push(marks.drawn);
        await context.close();
      }
      console.log(`| /explore${view} | ${median(script).toFixed(0)} | ${median(drawn).toFixed(0)} | ${Math.max(...drawn).toFixed(0)} |`);
    }
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
