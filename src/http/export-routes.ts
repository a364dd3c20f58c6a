import type { Plugin } from 'graphql-yoga';
import { DomainError, StoreUnavailableError } from '../domain/errors';
import { exportChunks, exportFileName } from '../export/export';
import { FORMATS, formatOfFile } from '../export/formats';
import { parseExportParameters } from '../export/params';
import { createContext } from '../graphql/context';
import type { GraphStore } from '../store/store';
import { errorBody, JSON_TYPE } from './error-body';

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, TIMEOUT: 503, DATABASE_UNAVAILABLE: 503 };

/** The answer to an export that failed before its first byte: the status of its code, and the one error body. */
export function exportFailure(error: unknown): { status: number; body: string; logged: boolean } {
  if (error instanceof DomainError && STATUS[error.code]) {
    const extensions: Record<string, unknown> = {};
    const parameter = (error as { argument?: string }).argument;
    if (parameter) extensions.parameter = parameter;
    const suggestions = (error as { suggestions?: readonly string[] }).suggestions;
    if (suggestions) extensions.suggestions = suggestions;
    const message = (error.publicMessage ?? error.message).replace(/\bargument "/g, 'parameter "');
    return { status: STATUS[error.code]!, body: errorBody(error.code, message, extensions), logged: error instanceof StoreUnavailableError };
  }
  return { status: 500, body: errorBody('INTERNAL_SERVER_ERROR', 'Unexpected error.'), logged: true };
}

/**
 * GET /export/graph.gexf, .graphml, .cyjs, .json, .jsonld, /export/nodes.csv and /export/edges.csv:
 * the whole graph, or the view the query parameters ask for (src/export/params.ts), as an
 * attachment. The request's deadline bounds every store call; a failure before the first
 * byte is a JSON error body with its status (400 naming the parameter, 404 with suggestions),
 * one after it ends the stream.
 */
export function useExports(store: GraphStore, options: { requestTimeoutMs?: number; log: (line: Record<string, unknown>) => void }): Plugin {
  const logError = (error: unknown, msg: string) =>
    options.log({ time: new Date().toISOString(), msg, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (request.method !== 'GET' || !url.pathname.startsWith('/export/')) return;
      const format = formatOfFile(url.pathname.slice('/export/'.length));
      if (!format) return;
      const values = new Map<string, string[]>();
      for (const [k, v] of url.searchParams) values.set(k, [...(values.get(k) ?? []), v]);
      const ctx = createContext(store, options.requestTimeoutMs, request.signal);
      const answer = async (): Promise<Response> => {
        try {
          const request_ = parseExportParameters(values, (p) => `parameter "${p}"`);
          const chunks = await exportChunks(ctx, request_, format);
          const first = await chunks.next();
          const encoder = new TextEncoder();
          const body = new fetchAPI.ReadableStream<Uint8Array>({
            start(controller) {
              if (!first.done) controller.enqueue(encoder.encode(first.value));
              else controller.close();
            },
            async pull(controller) {
              if (first.done) return;
              try {
                const next = await chunks.next();
                if (next.done) controller.close();
                else controller.enqueue(encoder.encode(next.value));
              } catch (error) {
                logError(error, 'export failed after its first byte');
                controller.error(error);
              }
            },
            async cancel() {
              await chunks.return(undefined);
            },
          });
          return new fetchAPI.Response(body, {
            status: 200,
            headers: {
              'content-type': FORMATS[format].contentType,
              'content-disposition': `attachment; filename="${exportFileName(request_, format)}"`,
              'cache-control': 'no-store',
            },
          });
        } catch (error) {
          const failure = exportFailure(error);
          if (failure.logged) logError(error, failure.status === 500 ? 'unexpected error' : 'store unavailable');
          return new fetchAPI.Response(failure.body, { status: failure.status, headers: { 'content-type': JSON_TYPE } });
        }
      };
      return answer().then(endResponse);
    },
  };
}
