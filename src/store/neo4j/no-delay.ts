import type { Driver } from 'neo4j-driver';
import type { Socket } from 'node:net';

/*
 * The driver writes a message of more than one TCP segment (a query with its parameters,
 * say a list of sixty ids) in pieces and leaves Nagle's algorithm on, so the last piece
 * waits for the server's delayed acknowledgement: about 40 ms on Linux, for a query the
 * database answers in 1. The driver has no setting for it and no public hook on its
 * sockets: its channel (neo4j-driver-bolt-connection, lib/channel/node/node-channel.js)
 * opens them with net.connect / tls.connect and sets only keep-alive.
 *
 * So the hook is taken on one driver, through three private members of
 * neo4j-driver 5 (checked by test/store/neo4j-store.test.ts, which fails when an
 * upgrade renames them):
 *   driver._createConnectionProvider(...)   makes the driver's connection pool, once;
 *   provider._createChannelConnection(addr) opens each connection of that pool;
 *   connection._ch._conn                     is that connection's socket.
 * Nothing else in the process is touched: net.connect and tls.connect stay as they are.
 */

interface Connection { _ch?: { _conn?: Partial<Pick<Socket, 'setNoDelay'>> } }
interface Provider { _createChannelConnection?: (address: unknown) => Promise<Connection> }
interface DriverInternals { _createConnectionProvider?: (...args: unknown[]) => Provider; _connectionProvider?: unknown }

/**
 * Turns Nagle's algorithm off on every socket `driver` opens. Call it right after
 * creating the driver, before its first session. False when this driver version
 * does not have the members used (the sockets then keep Nagle's algorithm: slower,
 * not wrong).
 */
export function sendWithoutDelay(driver: Driver): boolean {
  const internals = driver as unknown as DriverInternals;
  const createProvider = internals._createConnectionProvider;
  if (typeof createProvider !== 'function' || internals._connectionProvider != null) return false;
  internals._createConnectionProvider = (...args: unknown[]) => {
    const provider = createProvider.apply(driver, args);
    const open = provider._createChannelConnection;
    if (typeof open === 'function') {
      provider._createChannelConnection = async (address: unknown) => {
        const connection = await open.call(provider, address);
        connection._ch?._conn?.setNoDelay?.(true);
        return connection;
      };
    }
    return provider;
  };
  return true;
}
