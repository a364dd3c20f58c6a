import type { AddressInfo } from 'node:net';
import { loadConfig } from './config';
import { ConfigError, SeedValidationError } from './domain/errors';
import { createApp } from './http/app';
import { batchedLineLog } from './http/log';
import { createHttpServer, drain } from './http/server';
import { ensureSeed } from './seed/ensure-seed';
import { openStore } from './store/open-store';

/** Every line on stdout, the server's request lines included, goes through one batched writer. */
const out = batchedLineLog();
const log = (line: Record<string, unknown>) => out({ time: new Date().toISOString(), ...line });

/** Composition root: loadConfig -> openStore -> ensureSeed -> createApp -> listen. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const store = await openStore(config, log);
  const seed = config.loadSeed
    ? await ensureSeed(store, config.seedDir, { sourcesDir: config.sourcesDir })
    : { loaded: false, version: await store.graphVersion() };
  await store.warm?.();
  const app = createApp(store, { graphiql: config.graphiql, log });
  const server = createHttpServer(app, { maxBodyBytes: config.maxBodyBytes, log: out });
  server.listen(config.port, config.host, async () => {
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
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ msg: 'stopping', signal, inFlight: server.inFlight() });
    await drain(server, config.shutdownTimeoutMs);
    await store.close();
    log({ msg: 'stopped' });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof SeedValidationError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
