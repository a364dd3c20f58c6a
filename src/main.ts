import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from './config';
import { createApp } from './http/app';
import { createChangeFeed, type ChangeFeed } from './feed/change-feed';
import { batchedLineLog } from './http/log';
import { createHttpServer, drain } from './http/server';
import { ensureSeed } from './seed/ensure-seed';
import { explainStartupError, listenError, startupMessage } from './startup-errors';
import { openMemoryStore, openStore } from './store/open-store';
import type { GraphStore } from './store/store';

/** Every line on stdout, the server's request lines included, goes through one batched writer. */
const out = batchedLineLog();
const log = (line: Record<string, unknown>) => out({ time: new Date().toISOString(), ...line });

let config: Config | undefined;

/** Composition root: loadConfig -> openStore -> ensureSeed -> createApp -> listen. */
async function main(): Promise<void> {
  const started = Date.now();
  config = loadConfig();
  const store = await openStore(config, log);
  const seed = config.loadSeed
    ? await ensureSeed(store, config.seedDir, { sourcesDir: config.sourcesDir })
    : { loaded: false, version: await store.graphVersion(), skipped: [] };
  // Edits a reloaded seed left without their target are said once, at start.
  for (const s of seed.skipped) log({ msg: 'a change no longer applies', change: s.seq, reason: s.reason });
  await store.warm?.();
  const feed = createChangeFeed({ redisUrl: config.redisUrl, log });
  const app = createApp(store, {
    feed,
    sourcesDir: config.sourcesDir,
    memoryStore: openMemoryStore,
    graphiql: config.graphiql,
    introspection: config.introspection,
    corsOrigins: config.corsOrigins,
    requestTimeoutMs: config.requestTimeoutMs,
    readAccess: config.readAccess,
    log,
  });
  const server = createHttpServer(app, {
    maxBodyBytes: config.maxBodyBytes,
    headersTimeoutMs: config.headersTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    log: out,
  });
  const listening = config;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, listening)));
    server.listen(listening.port, listening.host, () => resolve());
  });
  const stats = await store.stats();
  const { port } = server.address() as AddressInfo;
  log({
    msg: 'listening',
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql`,
    store: store.kind,
    seedVersion: seed.version,
    seedLoaded: seed.loaded,
    ...stats,
    startMs: Date.now() - started,
  });
  stopOnSignals(server, store, feed, config.shutdownTimeoutMs);
}

function stopOnSignals(server: ReturnType<typeof createHttpServer>, store: GraphStore, feed: ChangeFeed, timeoutMs: number): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ msg: 'stopping', signal, inFlight: server.inFlight() });
    // Open subscriptions end first: they would hold the drain until its timeout.
    await feed.close();
    await drain(server, timeoutMs);
    await store.close();
    log({ msg: 'stopped' });
    process.exit(0);
  };
  const onSignal = (signal: string) => void stop(signal).catch(fail);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** A failure with no one left to handle it: said in one line when foreseen, with its stack otherwise, then exit 1. */
function fail(error: unknown): void {
  const known = explainStartupError(error, config);
  out.flush();
  if (known) process.stderr.write(`${startupMessage(known)}\n`);
  else process.stderr.write(`Start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

// Every promise is awaited or caught (lint enforces it); one that is not still ends the process with its reason.
process.on('unhandledRejection', (reason) => {
  log({ msg: 'unhandled rejection', error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
  out.flush();
  process.exit(1);
});

main().catch(fail);
