/**
 * What the node:http server (server.ts) hands the app with each request, beside req and res.
 * Plugins fill it in while the request is answered; the server reads it for the log line.
 */
export interface ServerContext {
  /** The request's log line, beyond what node:http knows: the name of its token, never the token. */
  requestLog?: { token?: string };
}
