import { BadInputError } from '../domain/errors';
import type { StatementKey } from '../store/store';

/*
 * Every cursor the API gives, in one place: `<kind>:<value>` in base64url, opaque to clients.
 * Each kind of page reads only its own kind; anything else is a bad cursor, refused naming
 * the argument that held it.
 */

interface Kinds {
  /** `entities`: the id of the last entity of the page. */
  entity: string;
  /** `changes` and `history`: the seq of the last change of the page. */
  change: number;
  /** A document's `asserts`: the last statement of the page. */
  statement: StatementKey;
}

type Kind = keyof Kinds;

const STATEMENT_KINDS: readonly string[] = ['entity', 'relationship'] satisfies StatementKey['kind'][];

/** How each kind's value is written after its prefix, and read back (undefined: not one). */
const CODECS: { [K in Kind]: { what: string; write: (value: Kinds[K]) => string; read: (text: string) => Kinds[K] | undefined } } = {
  entity: { what: 'entities', write: (id) => id, read: (text) => text || undefined },
  change: { what: 'changes', write: (seq) => String(seq), read: (text) => (/^\d+$/.test(text) ? Number(text) : undefined) },
  statement: {
    what: '`asserts`',
    write: (key) => `${key.kind}:${key.id}`,
    read: (text) => {
      const colon = text.indexOf(':');
      const kind = text.slice(0, colon);
      const id = text.slice(colon + 1);
      return colon > 0 && id && STATEMENT_KINDS.includes(kind) ? { kind: kind as StatementKey['kind'], id } : undefined;
    },
  },
};

export function encodeCursor<K extends Kind>(kind: K, value: Kinds[K]): string {
  return Buffer.from(`${kind}:${CODECS[kind].write(value)}`).toString('base64url');
}

/** The value of a cursor of `kind`; any other string is a BadInputError naming `argument`. */
export function decodeCursor<K extends Kind>(kind: K, cursor: string, argument = 'after'): Kinds[K] {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const value = text.startsWith(`${kind}:`) ? CODECS[kind].read(text.slice(kind.length + 1)) : undefined;
  if (value === undefined) throw new BadInputError(`Argument "${argument}" is not a cursor of ${CODECS[kind].what} this API gave: "${cursor}".`, argument);
  return value;
}
