import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** A response body compressed once, in each encoding a browser may ask for, with its ETag. */
export interface Compressed {
  etag: string;
  bodies: { br: Buffer; gzip: Buffer; identity: Buffer };
}

export async function compress(body: Buffer): Promise<Compressed> {
  const [br, gz] = await Promise.all([
    // Quality 9 of 11: within 2% of the smallest, in a tenth of the time (once per process).
    promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    promisify(gzip)(body, { level: 9 }),
  ]);
  return { etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, bodies: { br, gzip: gz, identity: body } };
}

/** Which encoding to send, from the client's Accept-Encoding: brotli, then gzip, else none. */
export function pickEncoding(accept: string | null): keyof Compressed['bodies'] {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    if (name) offered.set(name, q === undefined ? 1 : Number(q));
  }
  const allows = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return allows('br') ? 'br' : allows('gzip') ? 'gzip' : 'identity';
}

/**
 * The response for a compressed body: encoded as the request accepts, with its ETag, a cache
 * lifetime, and 304 without a body when the request's If-None-Match has the ETag; HEAD gets the
 * headers only.
 */
export function compressedResponse(fetchAPI: { Response: typeof Response }, request: Request, body: Compressed, contentType: string): Response {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'cache-control': 'public, max-age=600',
    etag: body.etag,
    vary: 'accept, accept-encoding',
  };
  if (request.headers.get('if-none-match')?.split(',').some((t) => t.trim() === body.etag)) {
    return new fetchAPI.Response(null, { status: 304, headers });
  }
  const encoding = pickEncoding(request.headers.get('accept-encoding'));
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body.bodies[encoding]), { status: 200, headers });
}
