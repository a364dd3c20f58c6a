import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity } from '../domain/model';
import type { GraphStore } from '../store/store';

/** Texts found per store, by document id: a document's text never changes once registered. */
const found = new WeakMap<GraphStore, Map<string, string | null>>();

/**
 * The full text of a document, when known: the one given to addDocument (kept in its change),
 * else, for a seed's document, its `sourceFile` in SOURCES_DIR; null when neither is there.
 */
export async function documentText(store: GraphStore, document: Entity, sourcesDir: string | undefined): Promise<string | null> {
  let texts = found.get(store);
  if (!texts) found.set(store, (texts = new Map()));
  const known = texts.get(document.id);
  if (known !== undefined) return known;
  const [added] = await store.listChanges({ target: { kind: 'ENTITY', id: document.id }, kinds: ['ADD_DOCUMENT'], newestFirst: true, first: 1, targets: false });
  let text = added?.op.kind === 'ADD_DOCUMENT' ? added.op.text : null;
  const file = document.properties.sourceFile;
  if (text === null && sourcesDir && typeof file === 'string' && existsSync(join(sourcesDir, file))) text = readFileSync(join(sourcesDir, file), 'utf8');
  // Unknown texts are not kept: one may be registered, or SOURCES_DIR filled, later.
  if (text !== null) texts.set(document.id, text);
  return text;
}
