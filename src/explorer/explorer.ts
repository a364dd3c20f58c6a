import { RELATIONSHIP_WORDS, type WordLanguage } from '../domain/plain-words';
import { ENTITY_TYPES, RELATIONSHIP_TYPES } from '../domain/vocabulary';
import * as api from './api';
import { combobox } from './combobox';
import { byId, fill, h, type Child } from './dom';
import { Graph, type GraphEdge, type GraphNode } from './graph';
import { t, type TextKey } from './i18n';
import { entityPanel, quote, relationshipLine, typeDot, typeWords } from './panel';
import { BIBLIOGRAPHIC, readState, writeState, type State, type View } from './state';
import { compareIds } from '../domain/order';

/**
 * The explorer: one page over the GraphQL API. Everything it shows follows from `state`,
 * which lives in the URL's query string: `go` changes it and pushes a history entry, the
 * back button restores it, and a link reopens the same view.
 */
performance.mark('explorer:script');
let state: State = readState(location.search);
const lang = (): WordLanguage => state.language;

const panel = byId('panel');
const side = byId('side');
const note = byId('note');
const legend = byId('legend');
const toolbar = byId('toolbar');
const viewButtons = byId('view-buttons');
const searchInput = byId<HTMLInputElement>('search');
let firstDraw = true;
const graph = new Graph(byId('graph'), {
  open: (id) => go({ entity: id, expanded: [], to: state.view === 'paths' ? state.to : undefined }),
  expand: (id) => expand(id),
  drawn: () => {
    if (firstDraw && graph.cy.nodes().length) {
      firstDraw = false;
      performance.mark('explorer:graph-drawn');
    }
  },
});

function go(patch: Partial<State>, push = true): void {
  state = { ...state, ...patch };
  const url = `${location.pathname}${writeState(state)}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  void render();
}
window.addEventListener('popstate', () => {
  state = readState(location.search);
  void render();
});

function expand(id: string): void {
  if (state.view !== 'neighbourhood') return go({ entity: id, view: 'neighbourhood', expanded: [] });
  if (id === state.entity || state.expanded.includes(id)) return;
  go({ expanded: [...state.expanded, id] });
}

combobox(searchInput, byId<HTMLUListElement>('suggestions'), lang, (hit) => go({ entity: hit.id, expanded: [] }));
byId('language').addEventListener('click', () => go({ language: state.language === 'fr' ? 'en' : 'fr' }));

/** The interface's fixed words, in the current language. */
function labelChrome(): void {
  const l = lang();
  document.documentElement.lang = l;
  document.title = t('title', l);
  byId('home').textContent = t('title', l);
  byId('search-label').textContent = t('searchLabel', l);
  searchInput.placeholder = t('searchPlaceholder', l);
  const switcher = byId('language');
  switcher.textContent = t('language', l);
  switcher.title = t('languageTitle', l);
  switcher.lang = l === 'fr' ? 'en' : 'fr';
  byId('graph').setAttribute('aria-label', t('graphLabel', l));
  const views: [View, TextKey][] = [
    ['neighbourhood', 'neighbourhood'],
    ['downstream', 'downstream'],
    ['upstream', 'upstream'],
    ['paths', 'paths'],
  ];
  fill(
    viewButtons,
    views.map(([view, key]) => {
      const b = h('button', { type: 'button', 'data-view': view, 'aria-pressed': String(state.view === view), disabled: !state.entity }, t(key, l));
      b.addEventListener('click', () => go({ view, expanded: [] }));
      return b;
    }),
  );
}

const entityCache = new Map<string, Promise<api.EntityDetail>>();
const cached = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
  let p = cache.get(key);
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
};

let rendering = 0;
async function render(): Promise<void> {
  const mine = ++rendering;
  labelChrome();
  const l = lang();
  if (!state.entity) {
    fill(panel, h('p', { class: 'welcome' }, t('welcome', l)));
    fill(side);
    fill(toolbar);
    note.textContent = '';
    graph.show([], []);
    return;
  }
  const id = state.entity;
  const detail = cached(entityCache, `${id}|${l}`, () => api.entity(id, l));
  const view = drawView(mine);
  try {
    const e = await detail;
    if (mine !== rendering) return;
    fill(panel, entityPanel(e, l, (other) => go({ entity: other, expanded: [] })));
  } catch (err) {
    if (mine === rendering) fill(panel, failure(err));
  }
  await view;
}

function failure(err: unknown): HTMLElement {
  const l = lang();
  if (err instanceof api.ApiError && err.suggestions.length) {
    return h(
      'div',
      { class: 'error' },
      h('p', {}, `${err.message} ${t('notFound', l)}`),
      h(
        'ul',
        {},
        err.suggestions.map((s) => {
          const b = h('button', { type: 'button', class: 'link' }, s);
          b.addEventListener('click', () => go({ entity: s, expanded: [] }));
          return h('li', {}, b);
        }),
      ),
    );
  }
  return h('p', { class: 'error' }, `${t('error', l)} : ${err instanceof Error ? err.message : String(err)}`);
}

const toNode = (n: api.NodeRef, focus: string | undefined, label = n.label): GraphNode => ({ id: n.id, type: n.type, label, focus: n.id === focus });
const toEdge = (r: api.Rel): GraphEdge => ({
  id: r.id,
  source: r.from.id,
  target: r.to.id,
  type: r.type,
  label: r.label,
  tentative: r.modality !== 'FACT' && r.modality !== 'ONGOING',
  symmetric: r.symmetric,
});

/** The legend: the entity types drawn, each with its colour. */
function drawLegend(nodes: GraphNode[]): void {
  const types = ENTITY_TYPES.filter((type) => nodes.some((n) => n.type === type));
  fill(
    legend,
    h('strong', { class: 'visually-hidden' }, t('legend', lang())),
    types.map((type) => h('span', {}, typeDot(type), typeWords(type, lang()))),
  );
}

async function drawView(mine: number): Promise<void> {
  const id = state.entity!;
  const drawing = writeState(state);
  note.textContent = t('loading', lang());
  try {
    if (state.view === 'neighbourhood') await drawNeighbourhood(id, mine);
    else if (state.view === 'paths') await drawPaths(id, mine);
    else await drawDependencies(id, state.view === 'downstream' ? 'DOWNSTREAM' : 'UPSTREAM', mine);
    // The query string of the view now on screen, graph and list: tests and scripts wait for it.
    if (mine === rendering) byId('graph').dataset.state = drawing;
  } catch (err) {
    if (mine !== rendering) return;
    note.textContent = '';
    graph.show([], []);
    fill(side, failure(err));
  }
}

/** Checkboxes for the relationship types present, and for Document nodes. */
function typeFilters(present: Set<string>): HTMLElement {
  const l = lang();
  const types = RELATIONSHIP_TYPES.filter((type) => present.has(type) || BIBLIOGRAPHIC.includes(type) || state.hidden.includes(type));
  const box = (checked: boolean, text: string, change: (on: boolean) => void, name: string) => {
    const input = h('input', { type: 'checkbox', name, checked });
    input.addEventListener('change', () => change(input.checked));
    return h('label', {}, input, ` ${text}`);
  };
  return h(
    'fieldset',
    {},
    h('legend', {}, t('hiddenTypes', l)),
    box(state.documents, t('showDocuments', l), (on) => go({ documents: on }, false), 'documents'),
    types.map((type) =>
      box(
        !state.hidden.includes(type),
        RELATIONSHIP_WORDS[type][l],
        (on) => go({ hidden: on ? state.hidden.filter((x) => x !== type) : [...state.hidden, type] }, false),
        type,
      ),
    ),
  );
}

/** An entity's neighbours, and those of the nodes expanded since; laid out by fcose. */
async function drawNeighbourhood(id: string, mine: number): Promise<void> {
  const l = lang();
  const parts = await Promise.all([id, ...state.expanded].map((n) => api.neighbourhood(n, state.hidden, l)));
  if (mine !== rendering) return;
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const part of parts) {
    for (const n of part.nodes) if (!nodes.has(n.id)) nodes.set(n.id, toNode(n, id));
    for (const r of part.relationships) edges.set(r.id, toEdge(r));
  }
  graph.show([...nodes.values()], [...edges.values()]);
  graph.filter(state.hidden, state.documents, [id]);
  graph.layout('fcose');
  drawLegend([...nodes.values()]);
  note.textContent = parts.some((p) => p.truncated) ? t('truncated', l) : '';

  const select = h('select', { id: 'expand-node', 'aria-label': t('expand', l) }, graph.nodeIds().map((n) => h('option', { value: n.id }, n.label)));
  const expandButton = h('button', { type: 'button', id: 'expand' }, t('expand', l));
  expandButton.addEventListener('click', () => expand(select.value));
  const fit = h('button', { type: 'button' }, t('fit', l));
  fit.addEventListener('click', () => graph.fit());
  fill(toolbar, select, expandButton, fit);
  fill(side, typeFilters(new Set([...edges.values()].map((e) => e.type))));
}

/** What depends on an entity, or what it relies on: a layered layout with hop numbers, the edges listed with their quotes. */
async function drawDependencies(id: string, direction: 'DOWNSTREAM' | 'UPSTREAM', mine: number): Promise<void> {
  const l = lang();
  const sub = await api.dependencies(id, direction, l);
  if (mine !== rendering) return;
  const hops = new Map(sub.hops.map((hop) => [hop.node.id, hop.distance]));
  const hopOf = (n: string) => hops.get(n) ?? 0;
  const nodes = sub.nodes.map((n) => toNode(n, sub.nodes[0]?.id, hopOf(n.id) ? `${hopOf(n.id)} · ${n.label}` : n.label));
  graph.show(nodes, sub.relationships.map(toEdge));
  graph.layout(direction === 'DOWNSTREAM' ? 'dagre-up' : 'dagre-down');
  drawLegend(nodes);
  note.textContent = sub.truncated ? t('truncated', l) : '';
  const fit = h('button', { type: 'button' }, t('fit', l));
  fit.addEventListener('click', () => graph.fit());
  fill(toolbar, fit, h('span', { class: 'hint' }, t('depHint', l)));

  const start = sub.nodes[0];
  const farEnd = (r: api.Rel) => (direction === 'DOWNSTREAM' ? r.from.id : r.to.id);
  const rels = [...sub.relationships].sort((a, b) => hopOf(farEnd(a)) - hopOf(farEnd(b)) || compareIds(a.id, b.id));
  const heading = `${t(direction === 'DOWNSTREAM' ? 'dependantsOf' : 'dependenciesOf', l)} ${start?.label ?? id}`;
  fill(
    side,
    h('h3', {}, heading),
    rels.length === 0
      ? h('p', {}, t(direction === 'DOWNSTREAM' ? 'noDependants' : 'noDependencies', l))
      : h(
          'ol',
          { class: 'edges', 'aria-label': heading },
          rels.map((r) =>
            h(
              'li',
              { 'data-rel': r.id, 'data-hop': String(hopOf(farEnd(r))) },
              h('span', { class: 'hop', title: `${hopOf(farEnd(r))} ${t(hopOf(farEnd(r)) > 1 ? 'hops' : 'hop', l)}` }, String(hopOf(farEnd(r)))),
              relationshipLine(r, undefined, l, (other) => go({ entity: other })),
              r.sources.map((s) => quote(s, l)),
            ),
          ),
        ),
  );
}

/** How two entities are connected: all their shortest paths, outside the hidden relationship types, each hop with its quotes. */
async function drawPaths(id: string, mine: number): Promise<void> {
  const l = lang();
  const input = h('input', { id: 'path-to', type: 'search', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'path-suggestions', autocomplete: 'off', spellcheck: 'false', placeholder: t('searchPlaceholder', l) });
  const list = h('ul', { id: 'path-suggestions', role: 'listbox', hidden: true });
  combobox(input, list, lang, (hit) => go({ to: hit.id }));
  const from = h('strong', {}, id);
  fill(
    toolbar,
    h('div', { class: 'pathfinder' }, h('span', {}, `${t('pathFrom', l)} `, from), h('label', { for: 'path-to' }, t('pathTo', l)), h('div', { class: 'search' }, input, list)),
  );
  void cached(entityCache, `${id}|${l}`, () => api.entity(id, l)).then((e) => (from.textContent = e.label), () => undefined);
  if (!state.to) {
    note.textContent = '';
    graph.show([], []);
    legend.replaceChildren();
    fill(side, h('p', {}, t('pickTarget', l)));
    input.focus();
    return;
  }
  const paths = await api.shortestPaths(id, state.to, state.hidden, l);
  if (mine !== rendering) return;
  const last = paths[0]?.nodes.at(-1);
  if (last) input.value = last.label;
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const p of paths) {
    for (const n of p.nodes) nodes.set(n.id, toNode(n, n.id === id || n.id === last?.id ? n.id : undefined));
    for (const r of p.relationships) edges.set(r.id, toEdge(r));
  }
  // Each path on a row of its own, left to right from the entity; a node on several paths
  // sits between their rows.
  const rows = new Map<string, { x: number; ys: number[] }>();
  paths.forEach((p, row) => p.nodes.forEach((n, step) => rows.set(n.id, { x: step * 220, ys: [...(rows.get(n.id)?.ys ?? []), row * 110] })));
  const places = new Map([...rows].map(([n, { x, ys }]) => [n, { x, y: ys.reduce((a, b) => a + b, 0) / ys.length }]));
  graph.show([...nodes.values()], [...edges.values()]);
  graph.layout(places);
  drawLegend([...nodes.values()]);
  note.textContent = '';
  const length = paths[0]?.length ?? 0;
  const summary: Child = paths.length
    ? h('p', {}, `${paths.length} ${t('pathCount', l)} ${length} ${t('relationshipsWord', l)}${paths.length === api.PATHS_SHOWN ? ` ${t('firstPaths', l)}` : ''}`)
    : h('p', {}, t('noPath', l));
  fill(
    side,
    summary,
    paths.map((p, i) =>
      h(
        'section',
        { class: 'path', 'data-path': String(i + 1) },
        h('h3', {}, `${t('path', l)} ${i + 1}`),
        h(
          'ol',
          {},
          p.relationships.map((r, hop) =>
            h('li', { 'data-rel': r.id }, h('span', { class: 'hop' }, String(hop + 1)), relationshipLine(r, undefined, l, (other) => go({ entity: other })), r.sources.map((s) => quote(s, l))),
          ),
        ),
      ),
    ),
  );
}

void render();
