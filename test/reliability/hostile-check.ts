import { CLIENT_CODES, LIMIT_CODE, type HostileCase } from './hostile-cases';
import type { RawAnswer } from './raw-http';

interface GraphQLError {
  message?: unknown;
  extensions?: { code?: unknown; argument?: unknown; [k: string]: unknown };
}

const isKnown = (code: string) => CLIENT_CODES.includes(code) || LIMIT_CODE.test(code);
/** In an expectation, `LIMIT` stands for any query-limit code. */
const allowed = (code: string, codes: string[]) => codes.includes(code) || (codes.includes('LIMIT') && LIMIT_CODE.test(code));

/** The JSON payloads of an answer: the body, or each event of a stream, or each part of a multipart answer. */
function payloads(a: RawAnswer): unknown[] | undefined {
  const type = a.headers['content-type'] ?? '';
  const text = a.body.toString('utf8');
  const parse = (t: string) => {
    try {
      return [JSON.parse(t)];
    } catch {
      return [];
    }
  };
  if (type.includes('text/event-stream')) {
    return text.split(/\n\n/).flatMap((event) => {
      const data = event.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
      return data ? parse(data) : [];
    });
  }
  if (type.includes('multipart/mixed')) {
    return text.split(/\r?\n--[^\r\n]*\r?\n/).flatMap((part) => {
      const i = part.indexOf('\r\n\r\n');
      return i >= 0 ? parse(part.slice(i + 4).trim()) : [];
    });
  }
  if (!a.body.length) return undefined;
  const parsed = parse(text);
  return parsed.length ? parsed : undefined;
}

/**
 * What is wrong with an answer to a hostile request, as short texts that do not depend on
 * the request's details (so that failures group): empty when all is well.
 */
export function problemsOf(c: HostileCase, a: RawAnswer): string[] {
  const e = c.expect;
  const problems: string[] = [];
  if (a.status === 0) {
    if (!e.allowNoAnswer) problems.push(`no answer (${a.failure})`);
    return problems;
  }
  if (a.status >= 500 && a.status !== 503) problems.push(`status ${a.status}`);
  const ok = a.status >= 200 && a.status < 300;
  const redirect = a.status >= 300 && a.status < 400 && a.headers.location !== undefined;
  const bodies = c.request.method === 'HEAD' ? [] : payloads(a);
  if (!ok && !redirect && c.request.method !== 'HEAD') {
    const shaped = bodies?.every((b) => {
      const errors = (b as { errors?: GraphQLError[] } | null)?.errors;
      return Array.isArray(errors) && errors.length > 0 && errors.every((x) => typeof x?.message === 'string' && typeof x?.extensions?.code === 'string');
    });
    if (!bodies) problems.push(`status ${a.status} without a JSON body`);
    else if (!shaped) problems.push(`status ${a.status}: body is not {errors:[{message, extensions:{code}}]}`);
  }
  const errors = (bodies ?? []).flatMap((b) => {
    const list = (b as { errors?: unknown } | null)?.errors;
    return Array.isArray(list) ? (list as GraphQLError[]) : [];
  });
  const hasData = (bodies ?? []).some((b) => (b as { data?: unknown } | null)?.data !== undefined && (b as { data?: unknown }).data !== null);
  for (const error of errors) {
    const code = error?.extensions?.code;
    if (typeof code !== 'string') problems.push('error without extensions.code');
    else if (code === 'INTERNAL_SERVER_ERROR') problems.push('INTERNAL_SERVER_ERROR for a client mistake');
    else if (!isKnown(code)) problems.push(`code ${code} is not a known code`);
    const ext = error?.extensions ?? {};
    for (const leak of ['originalError', 'stacktrace', 'exception']) if (leak in ext) problems.push(`error extensions leak internals (${leak})`);
    if (typeof error?.message === 'string' && /\n\s+at \S+ \(|node_modules|\/work\//.test(error.message)) problems.push('error message leaks a stack or a path');
  }
  if (e.status && !e.status.includes(a.status)) problems.push(`status ${a.status}, expected ${e.status.join(' or ')}`);
  if (e.ok && (a.status !== 200 || !hasData || errors.length > 0)) problems.push(`a good request answered ${a.status}${errors.length ? ` with ${errors.map((x) => String(x?.extensions?.code)).join(', ')}` : hasData ? '' : ' without data'}`);
  if (e.codes) {
    if (errors.length === 0) {
      if (!e.orData && e.codes.length > 0 && (ok || bodies)) problems.push(`answered without an error, expected ${e.codes.join(' or ')}`);
      if (e.orData && !hasData && ok && bodies && e.codes.length > 0 && !(bodies ?? []).some((b) => (b as { data?: unknown } | null)?.data === null)) {
        problems.push('answered neither data nor an error');
      }
    } else if (e.codes.length > 0) {
      for (const error of errors) {
        const code = error?.extensions?.code;
        if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && isKnown(code) && !allowed(code, e.codes)) {
          problems.push(`code ${code}, expected ${e.codes.join(' or ')}`);
        }
      }
    }
  }
  if (e.names) {
    const bad = errors.filter((x) => x?.extensions?.code === 'BAD_USER_INPUT');
    const names = (x: GraphQLError) =>
      e.names!.some((n) => x.extensions?.argument === n || (typeof x.message === 'string' && (x.message.includes(`$${n}`) || x.message.includes(`"${n}"`))));
    if (bad.length && !bad.some(names)) problems.push(`BAD_USER_INPUT that names neither the variable nor the argument`);
  }
  return [...new Set(problems)];
}

/** Bytes as readable text: non-printable bytes escaped, long runs cut in the middle. */
export function showBytes(bytes: Buffer, max = 600): string {
  let text = '';
  for (const b of bytes.subarray(0, max + 200)) {
    text += b === 0x0a ? '\\n' : b === 0x0d ? '\\r' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  if (text.length > max || bytes.length > max + 200) {
    const tail = bytes.subarray(Math.max(0, bytes.length - 80)).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
    return `${text.slice(0, max)} …(${bytes.length} bytes in all)… ${tail}`;
  }
  return text;
}

export function showAnswer(a: RawAnswer): string {
  if (a.status === 0) return `no answer: ${a.failure}`;
  const type = a.headers['content-type'];
  return `${a.status}${type ? ` (${type})` : ''} ${a.body.length ? showBytes(a.body, 400) : '(empty body)'}`;
}
