/**
 * `npm run token -- create --role editor --name NAME | list | revoke --name NAME`: manages the
 * API tokens of the store the environment names (the server's variables: DATA_DIR or
 * NEO4J_URI...). `create` prints the new token's secret on stdout, once, and nothing else;
 * `list` prints one JSON line per token (name, role, created, revoked, lastUsed), never a
 * secret; `revoke` prints the revoked token's line. Anything wrong: one line on stderr, exit 1.
 */
import { oneLine, runStoreCommand } from '../command';
import { ROLES } from '../domain/tokens';

const USAGE = `Usage: npm run token -- create --role ${ROLES.join('|')} --name NAME | list | revoke --name NAME`;

type Command = { action: 'create'; name: string; role: string } | { action: 'list' } | { action: 'revoke'; name: string };

class UsageError extends Error {}

/** The command the arguments ask for, or a UsageError naming what is wrong. */
export function parseArguments(argv: readonly string[]): Command {
  const [action, ...rest] = argv;
  const allowed: Record<string, readonly string[]> = { create: ['--role', '--name'], list: [], revoke: ['--name'] };
  if (action === undefined || !(action in allowed)) throw new UsageError(`unknown or missing command "${action ?? ''}" (create, list or revoke).`);
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i]!;
    if (!allowed[action]!.includes(flag)) throw new UsageError(`unknown flag ${flag} for ${action}.`);
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`flag ${flag} needs a value.`);
    if (flags.has(flag)) throw new UsageError(`flag ${flag} given twice.`);
    flags.set(flag, value);
  }
  for (const flag of allowed[action]!) if (!flags.has(flag)) throw new UsageError(`flag ${flag} is missing for ${action}.`);
  if (action === 'create') return { action, name: flags.get('--name')!, role: flags.get('--role')! };
  if (action === 'revoke') return { action, name: flags.get('--name')! };
  return { action: 'list' };
}

if (require.main === module) {
  runStoreCommand({
    parse: () => parseArguments(process.argv.slice(2)),
    run: async (store, command) => {
      if (command.action === 'create') {
        const { secret } = await store.createToken({ name: command.name, role: command.role as never });
        process.stdout.write(`${secret}\n`);
      } else if (command.action === 'list') {
        for (const token of await store.listTokens()) process.stdout.write(`${JSON.stringify(token)}\n`);
      } else {
        process.stdout.write(`${JSON.stringify(await store.revokeToken(command.name))}\n`);
      }
    },
    describe: (error) => (error instanceof UsageError ? `Token command refused: ${oneLine(error)} ${USAGE}` : `Token command failed: ${oneLine(error)}`),
  });
}
