import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity } from '../domain/model';

/** Texts kept at once, the least recently used dropped first. */
const KEPT = 256;

/** What a commit's transaction reads of a document's text: the one given to addDocument (src/changes/reads.ts' TxView). */
interface TextReader {
  documentText(id: string): string | null;
}

/**
 * The full texts of documents, as far as known, kept for one server (created with the app,
 * src/http/app.ts): the text given to addDocument (kept in its change), else, for a seed's
 * document, its `sourceFile` in SOURCES_DIR; null when neither is there. A text is kept
 * under the document's version: a document registered again (retracted, then added)
 * has another version, so an old text is never used for it.
 */
export class DocumentTexts {
  private readonly kept = new Map<string, { version: number; text: string | null }>();

  constructor(private readonly sourcesDir: string | undefined) {}

  /** The text of `document` as `reader` (a commit's view) and SOURCES_DIR give it. */
  textOf(document: Entity, reader: TextReader): string | null {
    const version = document.record?.version ?? 0;
    const known = this.kept.get(document.id);
    if (known && known.version === version) {
      this.kept.delete(document.id);
      this.kept.set(document.id, known);
      return known.text;
    }
    let text = reader.documentText(document.id);
    const file = document.properties.sourceFile;
    if (text === null && this.sourcesDir && typeof file === 'string' && existsSync(join(this.sourcesDir, file))) text = readFileSync(join(this.sourcesDir, file), 'utf8');
    this.kept.delete(document.id);
    this.kept.set(document.id, { version, text });
    while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return text;
  }

  /** Of these documents, those whose text is not kept: what a commit reads beforehand. */
  unknown(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.kept.has(id));
  }
}
