import net = require('node:net');
import tls = require('node:tls');

const WRAPPED = Symbol.for('brussels-digital-graph.no-delay');
type Connect = ((...args: never[]) => net.Socket) & { [WRAPPED]?: true };

/**
 * Turns Nagle's algorithm off on the sockets the Neo4j driver opens. The driver writes a
 * message of more than one TCP segment (a query with its parameters, say a list of ids)
 * in pieces and leaves Nagle's algorithm on, so the last piece waits for the server's
 * delayed acknowledgement: about 40 ms on Linux, for a query the database answers in 1.
 * The driver has no setting for it and calls net.connect / tls.connect from the module
 * objects, so those two functions are wrapped, once per process, to ask every socket
 * they open to send at once. In this server the driver is their only caller; node:http
 * already does the same for its own sockets.
 */
export function sendWithoutDelay(): void {
  for (const [module, name] of [[net, 'connect'], [net, 'createConnection'], [tls, 'connect']] as const) {
    const target = module as unknown as Record<string, Connect>;
    const original = target[name]!;
    if (original[WRAPPED]) continue;
    const wrapped: Connect = Object.assign((...args: never[]) => original(...args).setNoDelay(true), { [WRAPPED]: true as const });
    target[name] = wrapped;
  }
}
