import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';
import type { EntityType } from '../domain/vocabulary';

cytoscape.use(fcose);
cytoscape.use(dagre);

/** One colour per entity type, told apart by people with the common colour blindnesses (Okabe-Ito, with grey). */
export const TYPE_COLOURS: Record<EntityType, string> = {
  Organisation: '#0072B2',
  Person: '#CC79A7',
  Platform: '#E69F00',
  Initiative: '#009E73',
  Contract: '#D55E00',
  Funding: '#F0E442',
  Principle: '#56B4E9',
  Document: '#999999',
};

export interface GraphNode {
  id: string;
  type: string;
  label: string;
  /** Drawn with a thick border: the entity the view is about. */
  focus?: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  label: string;
  /** Not a plain fact: a plan, an invitation, a proposal... (dashed). */
  tentative: boolean;
  symmetric: boolean;
}

export type Layout = 'fcose' | 'dagre-down' | 'dagre-up' | Map<string, { x: number; y: number }>;

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': (n: cytoscape.NodeSingular) => TYPE_COLOURS[n.data('type') as EntityType] ?? '#777',
      label: 'data(label)',
      'font-size': 11,
      'text-wrap': 'wrap',
      'text-max-width': '130px',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-background-color': '#fff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      width: 22,
      height: 22,
      'border-width': 1,
      'border-color': '#333',
    },
  },
  { selector: 'node[?focus]', style: { width: 34, height: 34, 'border-width': 4, 'border-color': '#111', 'font-weight': 'bold', 'font-size': 12 } },
  { selector: 'node:selected', style: { 'overlay-color': '#1a73e8', 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#888',
      'target-arrow-color': '#888',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 9,
      color: '#333',
      'text-rotation': 'autorotate',
      'text-background-color': '#fff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
    },
  },
  { selector: 'edge[?symmetric]', style: { 'target-arrow-shape': 'none' } },
  { selector: 'edge[?tentative]', style: { 'line-style': 'dashed', 'line-color': '#b35900', 'target-arrow-color': '#b35900' } },
  { selector: '.hidden', style: { display: 'none' } },
];

/**
 * The graph drawing: Cytoscape.js, laid out by fcose (force-directed, for neighbourhoods),
 * dagre (layered, for dependencies) or at given places (paths, one row each). A tap on a node opens it and a double tap
 * expands it; a single tap waits a moment so that a double tap is not taken for two.
 */
export class Graph {
  readonly cy: Core;
  private tapTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(container: HTMLElement, handlers: { open: (id: string) => void; expand: (id: string) => void; drawn: () => void }) {
    this.cy = cytoscape({ container, style: STYLE, minZoom: 0.2, maxZoom: 3, boxSelectionEnabled: false });
    // Cytoscape.js keeps the container's size and place; tell it when they change (the toolbar
    // above it changes with the view), or taps land beside the nodes.
    new ResizeObserver(() => this.cy.resize()).observe(container);
    this.cy.on('tap', 'node', (e) => {
      clearTimeout(this.tapTimer);
      const id = e.target.id() as string;
      this.tapTimer = setTimeout(() => handlers.open(id), 260);
    });
    this.cy.on('dbltap', 'node', (e) => {
      clearTimeout(this.tapTimer);
      handlers.expand(e.target.id() as string);
    });
    this.cy.on('layoutstop', () => {
      // A layout fits its nodes to the view: a few nodes would be drawn huge.
      if (this.cy.zoom() > 1.3) {
        this.cy.zoom(1.3);
        this.cy.center(this.cy.elements().not('.hidden'));
      }
      // What is drawn, for tests and scripts that cannot read the canvas.
      container.dataset.nodes = this.nodeIds()
        .map((n) => n.id)
        .join(' ');
      handlers.drawn();
    });
  }

  /** Replaces the drawing with these nodes and edges, or adds them to it (`add`); `filter` and `layout` follow. */
  show(nodes: GraphNode[], edges: GraphEdge[], add = false): void {
    if (!add) this.cy.elements().remove();
    const elements: ElementDefinition[] = [];
    for (const n of nodes) if (this.cy.getElementById(n.id).empty()) elements.push({ group: 'nodes', data: { ...n } });
    for (const e of edges) if (this.cy.getElementById(e.id).empty()) elements.push({ group: 'edges', data: { ...e } });
    this.cy.add(elements);
  }

  /** Hides the edges of `types`, Document nodes unless `documents`, and the nodes left without a visible edge. */
  filter(hiddenTypes: readonly string[], documents: boolean, keep: string[]): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('hidden');
      cy.edges().filter((e) => hiddenTypes.includes(e.data('type') as string)).addClass('hidden');
      if (!documents) cy.nodes('[type = "Document"]').addClass('hidden');
      cy.nodes()
        .filter((n) => !keep.includes(n.id()) && n.connectedEdges().filter((e) => !e.hasClass('hidden') && e.source().not('.hidden').nonempty() && e.target().not('.hidden').nonempty()).empty())
        .addClass('hidden');
    });
  }

  layout(layout: Layout): void {
    this.cy.resize();
    const visible = this.cy.elements().not('.hidden');
    const options =
      layout instanceof Map
        ? { name: 'preset', positions: (n: cytoscape.NodeSingular) => layout.get(n.id()) ?? { x: 0, y: 0 }, padding: 30, animate: false }
        : layout === 'fcose'
          ? { name: 'fcose', animate: false, nodeDimensionsIncludeLabels: true, nodeRepulsion: 9000, idealEdgeLength: 110, padding: 30, randomize: true, quality: 'default' }
          : { name: 'dagre', rankDir: layout === 'dagre-down' ? 'TB' : 'BT', nodeSep: 30, rankSep: 90, edgeSep: 10, padding: 30, animate: false, nodeDimensionsIncludeLabels: true };
    visible.layout(options as cytoscape.LayoutOptions).run();
  }

  fit(): void {
    this.cy.fit(this.cy.elements().not('.hidden'), 30);
  }

  nodeIds(): { id: string; label: string }[] {
    return this.cy
      .nodes()
      .not('.hidden')
      .map((n) => ({ id: n.id(), label: n.data('label') as string }));
  }
}
