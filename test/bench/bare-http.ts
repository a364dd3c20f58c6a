/**
 * The limit for HTTP: a bare node:http server that answers every POST with the very
 * bytes our server returned for the query asked (the runner passes them in a file).
 * What separates our server from this is GraphQL, the resolvers and the store.
 *
 *   npx tsx test/bench/bare-http.ts <answers.json> [port]   answers: { "<request body>": "<response body>" }
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const answers = new Map<string, Buffer>(
  Object.entries(JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v)]),
);
const missing = Buffer.from('{"errors":[{"message":"unknown request"}]}');

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = answers.get(Buffer.concat(chunks).toString()) ?? missing;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`BARE_HTTP_READY http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
