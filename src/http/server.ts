import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { App } from './app';
import { batchedLineLog } from './log';

export interface ServerOptions {
  maxBodyBytes: number;
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

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * node:http around the app: a body limit, one structured log line per request,
 * and a count of requests in flight so that a shutdown can wait for them.
 */
export function createHttpServer(app: App, options: ServerOptions): Server & { inFlight: () => number } {
  let inFlight = 0;
  const log = options.log ?? batchedLineLog();

  const server = createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    inFlight++;
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
      });
    });
    try {
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > options.maxBodyBytes) throw new BodyTooLarge();
      if (declared === undefined ? req.method === 'GET' || req.method === 'HEAD' : Number(declared) === 0) {
        await app.requestListener(req, res);
        return;
      }
      if (declared !== undefined) {
        // The common case: a body of declared size within the limit (Node's parser holds the
        // client to it). Read here with plain 'data' events and handed to yoga already read:
        // yoga then builds its request around it instead of piping the socket through a web
        // stream (a pipeline, an AbortController and a DOMException per request).
        (req as IncomingMessage & { body?: unknown }).body = bodyForYoga(req, await readBody(req, options.maxBodyBytes));
        await app.requestListener(req, res);
        return;
      }
      // A chunked body declares no size: read it here, up to the limit, then hand it over.
      const body = await readBody(req, options.maxBodyBytes);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const response = await app.fetch(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
        method: req.method,
        headers,
        body: new Uint8Array(body),
      });
      const payload = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'content-length': String(payload.length) });
      res.end(payload);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        return send(res, 413, {
          errors: [{ message: `Request body larger than ${options.maxBodyBytes} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
        });
      }
      log({ time: new Date().toISOString(), msg: 'request failed', error: String(error) });
      if (!res.headersSent) send(res, 500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    }
  });
  return Object.assign(server, { inFlight: () => inFlight });
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
