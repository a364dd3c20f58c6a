import type { ChangeRecord, Operation } from '../../src/changes/change';
import { curate } from '../../src/curation/curate';
import { DocumentTexts } from '../../src/curation/document-text';
import type { Draft } from '../../src/curation/draft';
import type { Citation } from '../../src/domain/model';
import type { GraphStore } from '../../src/store/store';

/** An operation as the log keeps it, as the draft a mutation would make of it. */
export function draftOf(op: Operation): Draft {
  switch (op.kind) {
    case 'LOAD':
      throw new Error('a LOAD is no draft');
    case 'UPDATE_ENTITY':
    case 'UPDATE_RELATIONSHIP': {
      const { citations: _, ...draft } = op;
      return draft as Draft;
    }
    case 'ADD_RELATIONSHIP':
      return { ...op, idGiven: true };
    case 'UNMERGE':
      return { kind: 'UNMERGE', from: op.from };
    default:
      return op;
  }
}

export interface CurateOptions {
  actor?: string;
  reason?: string;
  citations?: Citation[];
  expectedVersion?: number;
  texts?: DocumentTexts;
  /** The caller's idempotency key. */
  key?: string;
}

/** One change through curate (src/curation/curate.ts) below the GraphQL layer: its change. */
export async function curateOp(store: GraphStore, op: Operation, o: CurateOptions = {}): Promise<ChangeRecord> {
  const request = {
    draft: draftOf(op), path: 'input', reason: o.reason ?? 'a test edit', citations: o.citations ?? [], citationsPath: 'input.citations',
    ...(o.expectedVersion !== undefined ? { expectedVersion: o.expectedVersion } : {}),
  };
  const committed = await curate(store, o.texts ?? new DocumentTexts(undefined), { actor: o.actor ?? 'alice', requests: [request], digest: 'test', ...(o.key ? { key: o.key } : {}) });
  return committed.changes[0]!;
}
