import { DEFAULT_WORD_LANGUAGE, isWordLanguage, type WordLanguage } from '../domain/plain-words';
import type { RelationshipType } from '../domain/vocabulary';

export type View = 'neighbourhood' | 'downstream' | 'upstream' | 'paths';
const VIEWS: readonly View[] = ['neighbourhood', 'downstream', 'upstream', 'paths'];

/** The bibliographic relationships, hidden unless asked for: they tie everything to the source document. */
export const BIBLIOGRAPHIC: readonly RelationshipType[] = ['AUTHORED', 'ADDRESSED_TO', 'ANSWERED', 'DESCRIBED_IN', 'PUBLISHED_BY'];

/** What the page shows, all of it in the URL's query string so that a link reopens the same view. */
export interface State {
  entity?: string;
  view: View;
  /** The other end of the path finder. */
  to?: string;
  /** Relationship types hidden in the graphs and left out of paths. */
  hidden: RelationshipType[];
  /** Show Document nodes. */
  documents: boolean;
  /** Nodes expanded in the neighbourhood view, besides the entity. */
  expanded: string[];
  language: WordLanguage;
}

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

export function readState(search: string): State {
  const q = new URLSearchParams(search);
  const view = q.get('view') as View | null;
  const language = q.get('lang') ?? '';
  return {
    entity: q.get('entity') || undefined,
    view: view && VIEWS.includes(view) ? view : 'neighbourhood',
    to: q.get('to') || undefined,
    hidden: q.has('hide') ? (list(q.get('hide')) as RelationshipType[]) : [...BIBLIOGRAPHIC],
    documents: q.get('docs') === '1',
    expanded: list(q.get('expand')),
    language: isWordLanguage(language) ? language : DEFAULT_WORD_LANGUAGE,
  };
}

/** The query string for a state; defaults are left out so that links stay short. */
export function writeState(state: State): string {
  const q = new URLSearchParams();
  if (state.entity) q.set('entity', state.entity);
  if (state.view !== 'neighbourhood') q.set('view', state.view);
  if (state.to) q.set('to', state.to);
  const defaultHidden = state.hidden.length === BIBLIOGRAPHIC.length && BIBLIOGRAPHIC.every((b) => state.hidden.includes(b));
  if (!defaultHidden) q.set('hide', state.hidden.join(','));
  if (state.documents) q.set('docs', '1');
  if (state.expanded.length) q.set('expand', state.expanded.join(','));
  if (state.language !== DEFAULT_WORD_LANGUAGE) q.set('lang', state.language);
  const s = q.toString().replace(/%2C/g, ',');
  return s ? `?${s}` : '';
}
