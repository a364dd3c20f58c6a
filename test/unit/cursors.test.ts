import { BadInputError } from '../../src/domain/errors';
import { decodeCursor, encodeCursor } from '../../src/graphql/cursors';

describe('cursors', () => {
  it('read back what they hold, for every kind', () => {
    expect(decodeCursor('entity', encodeCursor('entity', 'cirb:x'))).toBe('cirb:x');
    expect(decodeCursor('change', encodeCursor('change', 0))).toBe(0);
    expect(decodeCursor('change', encodeCursor('change', 42))).toBe(42);
    expect(decodeCursor('statement', encodeCursor('statement', { kind: 'relationship', id: 'a:b' }))).toEqual({ kind: 'relationship', id: 'a:b' });
  });

  it('refuse a cursor of another kind, or one the API did not give, naming the argument', () => {
    const bad = (run: () => unknown, argument: string) => {
      expect(run).toThrow(BadInputError);
      expect(run).toThrow(`Argument "${argument}" is not a cursor of`);
    };
    bad(() => decodeCursor('statement', encodeCursor('entity', 'cirb')), 'after');
    bad(() => decodeCursor('entity', encodeCursor('change', 3), 'since'), 'since');
    bad(() => decodeCursor('change', Buffer.from('change:-1').toString('base64url')), 'after');
    bad(() => decodeCursor('change', Buffer.from('change:').toString('base64url')), 'after');
    bad(() => decodeCursor('statement', Buffer.from('statement:document:x').toString('base64url')), 'after');
    bad(() => decodeCursor('entity', 'not-a-cursor'), 'after');
  });
});
