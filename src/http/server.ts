import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { App } from './app';
import { errorBody, JSON_TYPE } from './error-body';
import { batchedLineLog } from './log';
import type { ServerContext } from './server-context';

export interface ServerOptions {
  maxBodyBytes: number;
  /** How long a client may take to send its request headers (Node's headersTimeout). Default 10000. */
  headersTimeoutMs?: number;
  /** How long a client may take to send its whole request (Node's requestTimeout). Default 30000. */
  requestTimeoutMs?: number;
  log?: (line: Record<string, unknown>) => void;
}

class BodyTooLarge extends Error {}

/** Reads a body up to `limit` bytes; a larger one is refused before it is all received. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * What yoga's node adapter takes as an already-read body (`req.body`). A JSON object sent as
 * application/json is handed parsed: yoga's JSON parser gets it as it would have parsed it
 * itself, and the adapter does not enumerate a string's characters to see that it is not
 * empty. Anything else (another content type, invalid JSON, not an object) goes as text, for
 * yoga to accept or refuse as it always does.
 */
function bodyForYoga(req: IncomingMessage, body: Buffer): string | object {
  const text = body.toString('utf8');
  const type = req.headers['content-type']?.split(',')[0];
  if (type !== 'application/json' && !type?.startsWith('application/json;')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Object.keys(parsed).length > 0) return parsed;
  } catch {
    // yoga answers invalid JSON itself
  }
  return text;
}

function send(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': JSON_TYPE }).end(errorBody(code, message));
}

/**
 * node:http around the app: a body limit, one structured log line per request,
 * and a count of requests in flight so that a shutdown can wait for them.
 */
export function createHttpServer(app: App, options: ServerOptions): Server & { inFlight: () => number } {
  let inFlight = 0;
  const log = options.log ?? batchedLineLog();

  const headersTimeout = options.headersTimeoutMs ?? 10000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(options.requestTimeoutMs ?? 30000, headersTimeout),
      // Node checks both timeouts on this period (30 s by default): slow clients are dropped within a second of them.
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
      // Node would answer a request without a Host header with an empty 400; handle() answers it.
      requireHostHeader: false,
    },
    (req, res) => void handle(req, res),
  );
  server.on('clientError', (error, socket) => answerClientError(error, socket));
  // An Expect header other than 100-continue: Node would answer 417 with no body.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) =>
    send(res, 417, 'EXPECTATION_FAILED', `This server meets no expectation but 100-continue; got "${req.headers.expect}".`),
  );
  // CONNECT asks for a tunnel, which this server does not open.
  server.on('connect', (_req, socket: Duplex) => writeRaw(socket, 405, 'METHOD_NOT_ALLOWED', 'This server opens no tunnels (CONNECT).'));
  return Object.assign(server, { inFlight: () => inFlight });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    inFlight++;
    const requestLog: NonNullable<ServerContext['requestLog']> = {};
    res.on('close', () => {
      inFlight--;
      log({
        time: new Date().toISOString(),
        msg: 'request',
        method: req.method,
        path: (req.url ?? '').split('?')[0],
        status: res.statusCode,
        ms: Number((Number(process.hrtime.bigint() - started) / 1e6).toFixed(2)),
        bytesIn: Number(req.headers['content-length'] ?? 0),
        // The name of the request's token, never the token: no header is logged.
        ...(requestLog.token === undefined ? {} : { token: requestLog.token }),
      });
    });
    try {
      const refusal = checkTarget(req);
      if (refusal) return send(res, 400, 'BAD_REQUEST', refusal);
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > options.maxBodyBytes) throw new BodyTooLarge();
      // One path for every body, of declared size or chunked: read here up to the limit (Node's
      // parser holds a declared size to its word), then handed to yoga already read, so that
      // it builds its request around it instead of piping the socket through a web stream.
      const hasBody = declared === undefined ? req.headers['transfer-encoding'] !== undefined : Number(declared) > 0;
      if (hasBody) {
        const body = await readBody(req, options.maxBodyBytes);
        // An empty chunked body is handed over as nothing: yoga reads the (ended) stream.
        if (body.length > 0) (req as IncomingMessage & { body?: unknown }).body = bodyForYoga(req, body);
      }
      await app.handle(req, res, { requestLog } satisfies ServerContext);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        return send(res, 413, 'PAYLOAD_TOO_LARGE', `Request body larger than ${options.maxBodyBytes} bytes (MAX_BODY_BYTES).`);
      }
      log({ time: new Date().toISOString(), msg: 'request failed', error: String(error) });
      if (!res.headersSent) send(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      else res.destroy();
    }
  }
}

/**
 * Requests Node refuses before any handler sees them (headers too large, too slow, not HTTP)
 * get a JSON body with a stable code too, then the connection is closed.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  // A request pipelined behind one received whole and still being answered: answer that one first.
  const current = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (current && !current.writableFinished && current.req.complete) {
    current.once('finish', () => answerClientError(error, socket));
    current.once('close', () => socket.destroy());
    return;
  }
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', 'Request headers are larger than the server accepts.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'The request was not received in time (HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS).']
        : [400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1.'];
  writeRaw(socket, status, code, message);
}

/** An answer written straight to a socket that node:http does not serve (a refused request, a tunnel), then closed. */
function writeRaw(socket: Duplex, status: number, code: string, message: string): void {
  const body = errorBody(code, message);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: ${JSON_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * The request target, made a path when it can be: an absolute URL (which HTTP/1.1 servers
 * must take) becomes its path; `*` or anything else that is not a path is refused.
 */
function checkTarget(req: IncomingMessage): string | undefined {
  if (!req.headers.host) return 'The request has no Host header (HTTP/1.1 requires one).';
  const target = req.url ?? '';
  if (target.startsWith('/')) return undefined;
  if (/^https?:\/\//i.test(target)) {
    try {
      const url = new URL(target);
      req.url = url.pathname + url.search;
      return undefined;
    } catch {
      // refused below
    }
  }
  return `The request target must be a path such as /graphql; got "${target.slice(0, 100)}".`;
}

/** Stops accepting, lets requests in flight finish (at most `timeoutMs`), then resolves. */
export async function drain(server: Server & { inFlight: () => number }, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = Date.now() + timeoutMs;
  while (server.inFlight() > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    server.closeIdleConnections();
  }
  server.closeAllConnections();
  await closed;
}
