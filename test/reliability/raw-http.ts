import { connect } from 'node:net';

/**
 * HTTP/1.1 written byte by byte on a plain socket, so that a test can send what no
 * well-behaved client would: odd methods, duplicated or huge headers, a content-length
 * that lies, bytes that are not UTF-8. One request per connection (`connection: close`).
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

export function requestBytes(port: number, r: RawRequest): Buffer {
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, 'utf8');
  const lines = [`${r.method} ${r.path} ${r.version ?? 'HTTP/1.1'}`];
  if (!r.noHost) lines.push(`host: 127.0.0.1:${port}`);
  lines.push('connection: close');
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

/** Parses one HTTP/1.1 answer from the bytes received so far; undefined while incomplete. */
function parseAnswer(data: Buffer, method: string, ended: boolean): RawAnswer | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = data.subarray(0, end).toString('latin1').split('\r\n');
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
  const rest = data.subarray(end + 4);
  if (method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200)) return { status, headers, body: Buffer.alloc(0) };
  if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', at);
      if (lineEnd < 0) return ended ? { status, headers, body: Buffer.concat(parts) } : undefined;
      const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(size)) return { status, headers, body: Buffer.concat(parts) };
      if (size === 0) return { status, headers, body: Buffer.concat(parts) };
      if (rest.length < lineEnd + 2 + size + 2) return ended ? { status, headers, body: Buffer.concat([...parts, rest.subarray(lineEnd + 2)]) } : undefined;
      parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  if (length !== undefined && rest.length >= length) return { status, headers, body: rest.subarray(0, length) };
  return ended ? { status, headers, body: rest } : undefined;
}

/** Sends `bytes` to 127.0.0.1:`port` and reads one answer (at most `timeoutMs`). */
export function sendRaw(port: number, bytes: Buffer, method: string, timeoutMs = 10000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let done = false;
    const finish = (answer: RawAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const none = (failure: string): RawAnswer => ({ status: 0, headers: {}, body: Buffer.concat(received), failure });
    const timer = setTimeout(() => finish(parseAnswer(Buffer.concat(received), method, true) ?? none('timeout')), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      const answer = parseAnswer(Buffer.concat(received), method, false);
      if (answer) finish(answer);
    });
    socket.on('end', () => finish(parseAnswer(Buffer.concat(received), method, true) ?? none('closed without an answer')));
    socket.on('close', () => finish(parseAnswer(Buffer.concat(received), method, true) ?? none('closed without an answer')));
    // A server that answers and closes before reading everything resets the rest of the upload: keep what came.
    socket.on('error', (error) => finish(parseAnswer(Buffer.concat(received), method, true) ?? none(`socket error: ${error.message}`)));
    socket.write(bytes);
  });
}

export function send(port: number, r: RawRequest, timeoutMs?: number): Promise<RawAnswer> {
  return sendRaw(port, requestBytes(port, r), r.method, timeoutMs);
}
