import { connect } from 'node:net';

/**
 * HTTP/1.1 written byte by byte on a plain socket, so that a test can send what no
 * well-behaved client would: odd methods, duplicated or huge headers, a content-length
 * that lies, bytes that are not UTF-8, bytes sent slowly, requests one after another on
 * one connection. One request per connection (`connection: close`) unless told.
 */
export interface RawRequest {
  method: string;
  path: string;
  headers?: [string, string][];
  body?: Buffer | string;
  /** Leave out the content-length header (it is computed from the body otherwise). */
  noContentLength?: boolean;
  /** Send the body as one chunk of `transfer-encoding: chunked` (no content-length). */
  chunked?: boolean;
  /** Leave out the host header. */
  noHost?: boolean;
  /** Leave out `connection: close` (for requests sent one after another on one connection). */
  keepAlive?: boolean;
  /** Exactly these bytes instead of what the fields above make. */
  rawHead?: Buffer;
  /** The request line's version, `HTTP/1.1` unless told. */
  version?: string;
}

export interface RawAnswer {
  /** 0 when no complete answer came: see `failure`. */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Why no answer came: 'timeout', 'closed without an answer', a socket error. */
  failure?: string;
}

/** The request line and headers of a request, with the blank line that ends them. */
export function requestHead(port: number, r: RawRequest): Buffer {
  const bytes = requestBytes(port, r);
  return bytes.subarray(0, bytes.indexOf('\r\n\r\n') + 4);
}

export function requestBytes(port: number, r: RawRequest): Buffer {
  if (r.rawHead) return r.rawHead;
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, 'utf8');
  const lines = [`${r.method} ${r.path} ${r.version ?? 'HTTP/1.1'}`];
  if (!r.noHost) lines.push(`host: 127.0.0.1:${port}`);
  if (!r.keepAlive) lines.push('connection: close');
  for (const [k, v] of r.headers ?? []) lines.push(`${k}: ${v}`);
  if (r.chunked) {
    lines.push('transfer-encoding: chunked');
    const chunk = body.length ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n')]) : Buffer.alloc(0);
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), chunk, Buffer.from('0\r\n\r\n')]);
  }
  if (!r.noContentLength && !(r.headers ?? []).some(([k]) => k.toLowerCase() === 'content-length') && (body.length > 0 || !['GET', 'HEAD'].includes(r.method))) {
    lines.push(`content-length: ${body.length}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

/** Parses one HTTP/1.1 answer from the bytes received so far (interim 1xx answers skipped); undefined while incomplete. */
function parseOne(data: Buffer, method: string, ended: boolean): { answer: RawAnswer; consumed: number } | undefined {
  let offset = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', offset);
    if (end < 0) return undefined;
    const head = data.subarray(offset, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
    const headers: Record<string, string> = {};
    for (const line of head.slice(1)) {
      const i = line.indexOf(':');
      if (i > 0) {
        const k = line.slice(0, i).trim().toLowerCase();
        const v = line.slice(i + 1).trim();
        headers[k] = headers[k] === undefined ? v : `${headers[k]}, ${v}`;
      }
    }
    const bodyAt = end + 4;
    if (status >= 100 && status < 200 && status !== 101) {
      offset = bodyAt;
      continue;
    }
    const rest = data.subarray(bodyAt);
    const done = (body: Buffer, length: number) => ({ answer: { status, headers, body }, consumed: bodyAt + length });
    if (method === 'HEAD' || status === 204 || status === 304) return done(Buffer.alloc(0), 0);
    if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
      const parts: Buffer[] = [];
      let at = 0;
      for (;;) {
        const lineEnd = rest.indexOf('\r\n', at);
        if (lineEnd < 0) return ended ? done(Buffer.concat(parts), rest.length) : undefined;
        const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
        if (Number.isNaN(size)) return done(Buffer.concat(parts), rest.length);
        if (size === 0) {
          const trailerEnd = rest.indexOf('\r\n', lineEnd + 2);
          return done(Buffer.concat(parts), trailerEnd < 0 ? rest.length : trailerEnd + 2);
        }
        if (rest.length < lineEnd + 2 + size + 2) return ended ? done(Buffer.concat([...parts, rest.subarray(lineEnd + 2)]), rest.length) : undefined;
        parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
    }
    const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
    if (length !== undefined && rest.length >= length) return done(rest.subarray(0, length), length);
    return ended ? done(rest, rest.length) : undefined;
  }
}

/**
 * How to write a request: its first `firstBytes` at once, then in pieces of `pieceBytes`
 * every `intervalMs`, stopping after `maxBytes` (a client that never finishes).
 */
export interface Pace {
  firstBytes?: number;
  pieceBytes: number;
  intervalMs: number;
  maxBytes?: number;
}

/**
 * Sends `bytes` to 127.0.0.1:`port` and reads up to `answers` answers (at most `timeoutMs`
 * in all); fewer when the server closes the connection first or the time runs out.
 */
export function sendForAnswers(port: number, bytes: Buffer, methods: string[], timeoutMs = 10000, pace?: Pace): Promise<{ answers: RawAnswer[]; failure?: string; rest: Buffer }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const answers: RawAnswer[] = [];
    let done = false;
    let ticker: NodeJS.Timeout | undefined = undefined;
    const finish = (failure?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(ticker);
      // What is left when the connection ends: one more, incomplete answer?
      if (answers.length < methods.length) {
        const last = parseOne(received, methods[answers.length]!, true);
        if (last && last.answer.status) {
          answers.push(last.answer);
          received = received.subarray(last.consumed);
        }
      }
      socket.destroy();
      resolve({ answers, failure: answers.length < methods.length ? failure : undefined, rest: received });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      for (;;) {
        if (answers.length >= methods.length) return finish();
        const one = parseOne(received, methods[answers.length]!, false);
        if (!one) return;
        answers.push(one.answer);
        received = received.subarray(one.consumed);
      }
    });
    socket.on('end', () => finish('closed without an answer'));
    socket.on('close', () => finish('closed without an answer'));
    // A server that answers and closes before reading everything resets the rest of the upload: keep what came.
    socket.on('error', (error) => finish(`socket error: ${error.message}`));
    if (!pace) {
      socket.write(bytes);
      return;
    }
    const limit = Math.min(bytes.length, pace.maxBytes ?? bytes.length);
    let at = Math.min(pace.firstBytes ?? 0, limit);
    if (at > 0) socket.write(bytes.subarray(0, at));
    const step = () => {
      if (done || at >= limit) return clearInterval(ticker);
      socket.write(bytes.subarray(at, Math.min(limit, at + pace.pieceBytes)));
      at += pace.pieceBytes;
    };
    step();
    ticker = setInterval(step, pace.intervalMs);
  });
}

/** Sends `bytes` and reads one answer (at most `timeoutMs`). */
export async function sendRaw(port: number, bytes: Buffer, method: string, timeoutMs = 10000, pace?: Pace): Promise<RawAnswer> {
  const { answers, failure, rest } = await sendForAnswers(port, bytes, [method], timeoutMs, pace);
  return answers[0] ?? { status: 0, headers: {}, body: rest, failure: failure ?? 'closed without an answer' };
}

export function send(port: number, r: RawRequest, timeoutMs?: number): Promise<RawAnswer> {
  return sendRaw(port, requestBytes(port, r), r.method, timeoutMs);
}
