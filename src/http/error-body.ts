/**
 * The JSON body of every answer that is not a GraphQL result: an HTTP error of the server
 * itself (404, 405, 413, 415, 431, ...), shaped like a GraphQL error so that a client reads
 * one format whatever refused it.
 */
export function errorBody(code: string, message: string, extensions: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
}

export const JSON_TYPE = 'application/json; charset=utf-8';
