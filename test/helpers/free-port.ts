import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on: one the system just handed out and took back, for a
 * server a test starts (a fixed port would collide with another run, or with what an
 * interrupted run left listening).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
