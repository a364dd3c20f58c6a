/**
 * A synthetic graph shaped like the real seed (organisations by region, platforms
 * that build on each other, initiatives, contracts, fundings, a few hubs), at three
 * sizes, for the benchmark. Deterministic: the same size and seed give the same graph.
 *
 *   npx tsx test/bench/synthetic-graph.ts      (describes each size, with its generation time)
 */
import { relationshipId, type Citation, type Entity, type GraphData, type Money, type PropertyValue, type Relationship } from '../../src/domain/model';
import { foldText } from '../../src/domain/search-text';
import { RELATIONSHIP_TYPES, SYMMETRIC_TYPES, type EntityType, type RelationshipType } from '../../src/domain/vocabulary';
import { compareIds } from '../../src/domain/order';

export type GraphSize = 'small' | 'medium' | 'large';

export interface GraphPicks {
  /** Entities with tens of relationships (not hubs), spread over the graph: Q1, Q2. */
  ids: string[];
  /** The five hubs, hundreds of edges each: Q4. */
  hubs: string[];
  /** Platforms at the root of large downstream dependency trees: Q6. */
  corePlatforms: string[];
  /** Mostly connected within 6 hops, some in different components: Q5. */
  pairs: [string, string][];
  /** Words and names present in the graph, some typed without accents: Q3. */
  searchTerms: string[];
}

export type SyntheticGraph = GraphData & { picks: GraphPicks };

interface SizeSpec { entities: number; relationships: number; hubDegrees: number[] }

/** `small` is ten times the real seed (89 entities, 136 relationships). */
export const SIZES: Record<GraphSize, SizeSpec> = {
  small: { entities: 900, relationships: 1_400, hubDegrees: [80, 60, 50, 40, 30] },
  medium: { entities: 10_000, relationships: 100_000, hubDegrees: [600, 500, 400, 320, 250] },
  large: { entities: 100_000, relationships: 1_000_000, hubDegrees: [900, 750, 600, 500, 400] },
};

export const SYNTHETIC_DOCUMENT = 'synthetic-doc';

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a tiny, fast, seedable PRNG, uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  of<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  /** An item by weight: `[[weight, item], ...]`. */
  weighted<T>(table: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of table) total += w;
    let u = this.next() * total;
    for (const [w, item] of table) {
      u -= w;
      if (u < 0) return item;
    }
    return (table[table.length - 1] as readonly [number, T])[1];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
  /**
   * Heavy-tailed choice from a pool shuffled once (so whatever their id, a few items are
   * chosen often and most rarely): rank from a Lomax (Pareto II) law of shape 1 and scale
   * `kappa * n`, truncated to the pool. Smaller `kappa`, heavier head: with 0.1 the first
   * item is chosen about 1/(0.1 n) of the time, the median one a third of the mean.
   */
  skewed(pool: readonly number[], kappa: number): number {
    const n = pool.length;
    const uz = this.next() / (1 + kappa);
    return pool[Math.min(n - 1, Math.floor((kappa * n * uz) / (1 - uz)))] as number;
  }
}

// ---------------------------------------------------------------------------------------------
// Words

/** [French with article, French, Dutch, English]. */
const TOPICS: readonly (readonly [string, string, string, string])[] = [
  ['du Numérique', 'Numérique', 'Digitalisering', 'Digital'],
  ['de la Mobilité', 'Mobilité', 'Mobiliteit', 'Mobility'],
  ["de l'Énergie", 'Énergie', 'Energie', 'Energy'],
  ['des Données Ouvertes', 'Données Ouvertes', 'Open Data', 'Open Data'],
  ['de la Santé', 'Santé', 'Gezondheid', 'Health'],
  ['de la Sécurité', 'Sécurité', 'Veiligheid', 'Security'],
  ["de l'Économie", 'Économie', 'Economie', 'Economy'],
  ['de la Propreté', 'Propreté', 'Netheid', 'Cleanliness'],
  ["de l'Urbanisme", 'Urbanisme', 'Stedenbouw', 'Urban Planning'],
  ["de l'Emploi", 'Emploi', 'Werkgelegenheid', 'Employment'],
  ["de l'Éducation", 'Éducation', 'Onderwijs', 'Education'],
  ["de l'Environnement", 'Environnement', 'Leefmilieu', 'Environment'],
  ['du Logement', 'Logement', 'Huisvesting', 'Housing'],
  ['de la Fiscalité', 'Fiscalité', 'Fiscaliteit', 'Taxation'],
  ['des Télécommunications', 'Télécommunications', 'Telecommunicatie', 'Telecommunications'],
  ["de l'Innovation", 'Innovation', 'Innovatie', 'Innovation'],
  ['de la Cybersécurité', 'Cybersécurité', 'Cyberveiligheid', 'Cybersecurity'],
  ["de l'Intelligence Artificielle", 'Intelligence Artificielle', 'Artificiële Intelligentie', 'Artificial Intelligence'],
  ['de la Culture', 'Culture', 'Cultuur', 'Culture'],
  ['du Tourisme', 'Tourisme', 'Toerisme', 'Tourism'],
  ['de la Prévention', 'Prévention', 'Preventie', 'Prevention'],
  ['des Marchés Publics', 'Marchés Publics', 'Overheidsopdrachten', 'Public Procurement'],
];

const PLACES = [
  'Anderlecht', 'Auderghem', 'Berchem-Sainte-Agathe', 'Bruxelles-Ville', 'Etterbeek', 'Evere', 'Forest', 'Ganshoren',
  'Ixelles', 'Jette', 'Koekelberg', 'Molenbeek-Saint-Jean', 'Saint-Gilles', 'Saint-Josse-ten-Noode', 'Schaerbeek',
  'Uccle', 'Watermael-Boitsfort', 'Woluwe-Saint-Lambert', 'Woluwe-Saint-Pierre',
];

const COMPANY_STEMS = ['Numéria', 'Datalys', 'Bruxel', 'Iris', 'Qualité', 'Réseaux', 'Logi', 'Sécuri', 'Télé', 'Cloud', 'Open', 'Smart', 'Digi', 'Géo', 'Énergi', 'Zénith'];
const COMPANY_ENDS = ['tech', 'soft', 'data', 'net', 'com', 'sys', 'lab', 'ware'];
const COMPANY_KINDS = ['Solutions', 'Services', 'Consulting', 'Systems', 'Group', 'Belgium', 'Brussels', 'Ingénierie'];
const LEGAL_FORMS = ['SA', 'SRL', 'NV', 'BV', 'SPRL'];
const FIRST_NAMES = ['Marie', 'Jan', 'Hélène', 'François', 'Zoë', 'Noémie', 'Joëlle', 'Pieter', 'Sofie', 'Mehdi', 'Aïcha', 'Thomas', 'Inès', 'Luc', 'Anaïs', 'Kevin', 'Léa', 'Bram', 'Chloé', 'Rachid'];
const LAST_NAMES = ['Dubois', 'Peeters', 'Lefèvre', 'Janssens', 'Wouters', 'Maes', 'Mertens', 'Lambert', 'Dupont', 'Claes', 'Willems', 'Goossens', 'Martin', 'Hermans', 'Jacobs', 'Lemaître', 'Vandenberghe', 'El Amrani', 'Devos', 'Renard'];
const PRINCIPLES = [
  'Once Only', 'Open Source', 'Interopérabilité', 'Sobriété Numérique', 'Inclusion Numérique', 'Protection des Données',
  'Accessibilité', 'Cloud First', 'Données Ouvertes par Défaut', 'Sécurité dès la Conception', 'Réutilisation', 'Transparence',
  'Souveraineté Numérique', 'Mobile First', 'Privacy by Design',
];

const CORE_PLATFORMS: readonly (readonly [string, string, string[]])[] = [
  ["Plateforme Régionale d'Intégration", 'integration-platform', ['Gewestelijk Integratieplatform', 'Regional Integration Platform']],
  ['Centre Régional de Données', 'infrastructure', ['Gewestelijk Datacenter']],
  ['Identité Numérique Bruxelloise', 'service', ['Brusselse Digitale Identiteit', 'Brussels Digital Identity']],
  ['Cartographie Régionale Urbis', 'data-platform', ['Urbis']],
  ['Entrepôt Régional de Données', 'data-platform', ['Regional Data Warehouse']],
];

const HUBS: readonly (readonly [string, EntityType, string, string, string[]])[] = [
  ['hub-smart-city-brussels', 'Initiative', 'programme', 'Smart City Bruxelles', ['Smart City Brussels', 'Slimme Stad Brussel']],
  ['hub-printemps-du-numerique', 'Initiative', 'event', 'Printemps du Numérique', ['Digitale Lente']],
  ['hub-reseau-des-administrations', 'Organisation', 'network', 'Réseau des Administrations Numériques', ['Netwerk van Digitale Besturen']],
  ['hub-alliance-numerique', 'Organisation', 'network', 'Alliance Numérique Bruxelloise', ['Brussels Digital Alliance']],
  ['hub-donnees-ouvertes', 'Initiative', 'programme', 'Programme Régional des Données Ouvertes', ['Open Data Programme']],
];

/** Typed by a user: some without accents, some in Dutch or English, some partial. */
const FIXED_SEARCH_TERMS = [
  'numerique', 'agence regionale', 'plateforme numerique', 'mobilite', 'donnees ouvertes', 'reseau', 'securite', 'economie',
  'smart city', 'Région', 'portail', 'gemeente', 'digitalisering', 'cybersecurite', 'energie', 'Énergie', 'marché public',
  'subside', 'commune de', 'open data', 'intelligence artificielle', "plateforme d'echange", 'urbanisme', 'sante',
];

// ---------------------------------------------------------------------------------------------
// Building

const cite = (quote: string): Citation[] => [{ document: SYNTHETIC_DOCUMENT, quote, section: 'synthetic' }];
/** One citation list per kind, shared by every entity or relationship of that kind. */
const ENTITY_SOURCES = new Map<string, Citation[]>();
/**
 * Per relationship type: its code in the vocabulary, whether it is symmetric, its slug
 * (`relationshipId(from, type, to)` is `${from}.${slug}.${to}`) and its shared citations.
 */
const TYPE_INFO = new Map(
  RELATIONSHIP_TYPES.map((t, code) => [
    t,
    { code, symmetric: SYMMETRIC_TYPES.includes(t), slug: relationshipId('', t, '').slice(1, -1), sources: cite(`synthetic ${t.toLowerCase().replace(/_/g, ' ')}`) },
  ]),
);
/** Relationships carry no properties: one shared empty object (never mutated). */
const NO_PROPERTIES: Record<string, PropertyValue> = {};

/** "de Schaerbeek", "d'Ixelles". */
const de = (place: string) => (/^[AEIOUÉ]/.test(place) ? `d'${place}` : `de ${place}`);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

class Builder {
  readonly ids: string[] = [];
  readonly entities: Entity[] = [];
  readonly relationships: Relationship[] = [];
  readonly fromIndex: Int32Array;
  readonly toIndex: Int32Array;
  readonly degree: Int32Array;
  /** Open-addressing set of (from, to, type) keys, stored as key + 1 (0 is empty). */
  private readonly keys: Float64Array;
  private readonly mask: number;

  constructor(readonly entityTarget: number, readonly relationshipTarget: number) {
    this.fromIndex = new Int32Array(relationshipTarget);
    this.toIndex = new Int32Array(relationshipTarget);
    this.degree = new Int32Array(entityTarget);
    let capacity = 1024;
    while (capacity < relationshipTarget * 2) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  /** Whether the key (a, b, code) is in the set; adds it when `add`. */
  private has(a: number, b: number, code: number, add: boolean): boolean {
    const key = (a * this.entityTarget + b) * 32 + code + 1;
    let h = Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77) ^ Math.imul(code + 1, 0xc2b2ae3d);
    h = (h ^ (h >>> 15)) & this.mask;
    for (;;) {
      const k = this.keys[h] as number;
      if (k === key) return true;
      if (k === 0) {
        if (add) this.keys[h] = key;
        return false;
      }
      h = (h + 1) & this.mask;
    }
  }

  /** `aliases` become names of kind ALIAS, in French as the labels are. */
  entity(id: string, type: EntityType, category: string | null, label: string, aliases: string[], properties: Record<string, PropertyValue> = {}): number {
    let sources = ENTITY_SOURCES.get(type);
    if (!sources) ENTITY_SOURCES.set(type, (sources = cite(`synthetic ${type.toLowerCase()}`)));
    const names = aliases.map((text) => ({ text, language: 'fr', kind: 'ALIAS' as const }));
    this.entities.push({ id, type, category, label, names, status: null, inferred: {}, properties, sources });
    return this.ids.push(id) - 1;
  }

  get full(): boolean {
    return this.relationships.length >= this.relationshipTarget;
  }

  /** Adds `a -[type]-> b` unless it is a self-loop, already there (or, symmetric, there the other way), or the target is reached. */
  link(type: RelationshipType, a: number, b: number): boolean {
    if (a === b || this.full) return false;
    const info = TYPE_INFO.get(type)!;
    if (info.symmetric && this.has(b, a, info.code, false)) return false;
    if (this.has(a, b, info.code, true)) return false;
    const from = this.ids[a] as string;
    const to = this.ids[b] as string;
    const i = this.relationships.length;
    this.relationships.push({ id: `${from}.${info.slug}.${to}`, type, from, to, properties: NO_PROPERTIES, sources: info.sources });
    this.fromIndex[i] = a;
    this.toIndex[i] = b;
    this.degree[a]!++;
    this.degree[b]!++;
    return true;
  }
}

function money(r: Random): Money {
  const value = Math.max(1000, Math.round(Math.pow(10, 4 + 2.7 * r.next()) / 1000) * 1000);
  const vat = r.weighted([[5, 'excluded'], [2, 'included'], [3, 'unspecified']] as const);
  const amount = value < 1_000_000 ? `${value / 1000}K` : `${(value / 1_000_000).toFixed(1).replace('.', ',')} M€`;
  const text = `${amount}${vat === 'excluded' ? ' HTVA' : vat === 'included' ? ' TVAC' : ''}`;
  return { value, currency: 'EUR', vat, text };
}

const year = (r: Random) => 2015 + r.int(10);
const partialDate = (r: Random) => ({ date: r.chance(0.5) ? `${year(r)}` : `${year(r)}-${pad(1 + r.int(12), 2)}` });
const acronym = (name: string) =>
  name
    .split(/[\s'-]+/)
    .filter((w) => w.length > 3)
    .map((w) => foldText(w)[0]?.toUpperCase() ?? '')
    .join('');

function organisationName(r: Random, category: string, n: number, place: string): [string, string[]] {
  const [frDe, fr, nl, en] = r.of(TOPICS);
  switch (category) {
    case 'government':
      return [`Gouvernement Régional ${de(place)}`, [`Gewestregering ${place}`]];
    case 'public-body': {
      const name = `${r.of(['Agence Régionale', 'Office Régional', 'Institut Bruxellois', 'Service Public Régional'])} ${frDe} ${n}`;
      return [name, r.chance(0.6) ? [`Gewestelijk Agentschap voor ${nl} ${n}`, `${acronym(name)}-${n}`] : []];
    }
    case 'administration':
      return [`${r.of(['Administration', 'Direction', 'Département'])} ${frDe} ${n}`, r.chance(0.4) ? [`Bestuur ${nl} ${n}`] : []];
    case 'company':
      return [`${r.of(COMPANY_STEMS)}${r.of(COMPANY_ENDS)} ${r.of(COMPANY_KINDS)} ${r.of(LEGAL_FORMS)} ${n}`, []];
    case 'consortium':
      return [`Consortium ${fr} ${n}`, r.chance(0.5) ? [`${en} Consortium ${n}`] : []];
    case 'non-profit':
      return r.chance(0.6)
        ? [`ASBL ${r.of(['Maison', 'Collectif', 'Atelier', 'Les Amis'])} ${frDe} ${n}`, []]
        : [`VZW Huis van ${nl} ${n}`, []];
    case 'municipality':
      return [`Commune ${de(place)} ${n}`, [`Gemeente ${place} ${n}`]];
    case 'research':
      return r.chance(0.5) ? [`Centre de Recherche en ${fr} ${n}`, [`${en} Research Lab ${n}`]] : [`Kenniscentrum ${nl} ${n}`, []];
    case 'network':
      return [`Réseau Bruxellois ${frDe} ${n}`, r.chance(0.5) ? [`Netwerk ${nl} ${n}`] : []];
    default:
      return [`Bureau ${fr} ${n}`, r.chance(0.5) ? [`Smart ${en} Office ${n}`] : []];
  }
}

function platformName(r: Random, category: string, n: number): [string, string[]] {
  const [frDe, fr, nl, en] = r.of(TOPICS);
  switch (category) {
    case 'portal':
      return r.chance(0.7) ? [`Portail ${frDe} ${n}`, [`${en} Portal ${n}`]] : [`Guichet Électronique ${n}`, []];
    case 'application':
      return r.chance(0.6) ? [`Application ${fr} ${n}`, []] : [`App ${en} ${n}`, []];
    case 'data-platform':
      return r.chance(0.5) ? [`Plateforme Numérique ${n}`, []] : r.chance(0.5) ? [`Entrepôt de Données ${fr} ${n}`, []] : [`Dataplatform ${nl} ${n}`, []];
    case 'integration-platform':
      return r.chance(0.5) ? [`Plateforme d'Échange de Données ${n}`, [`Data Exchange Platform ${n}`]] : [`API ${fr} ${n}`, []];
    case 'infrastructure':
      return r.of<[string, string[]]>([[`Centre de Données Régional ${n}`, []], [`Réseau Fibre ${r.of(PLACES)} ${n}`, []], [`Cloud Régional ${n}`, []]]);
    case 'iot-platform':
      return [`Plateforme IoT ${fr} ${n}`, [`Capteurs ${fr} ${n}`]];
    case 'crm-platform':
      return [`CRM ${fr} ${n}`, []];
    default:
      return r.of<[string, string[]]>([[`Service d'Authentification ${n}`, []], [`Identité Numérique ${n}`, []], [`Registre ${frDe} ${n}`, [`Register ${nl} ${n}`]]]);
  }
}

function initiativeName(r: Random, category: string, n: number): [string, string[]] {
  const [frDe, fr, nl, en] = r.of(TOPICS);
  switch (category) {
    case 'programme':
      return [`Programme ${frDe} ${n}`, r.chance(0.4) ? [`${en} Programme ${n}`] : []];
    case 'project':
      return r.chance(0.5) ? [`Projet Smart ${en} ${n}`, []] : [`Projet ${fr} ${n}`, []];
    case 'policy':
      return [`Stratégie Régionale ${frDe} ${n}`, [`Gewestelijke Strategie ${nl} ${n}`]];
    case 'plan':
      return [`Plan ${fr} ${year(r)}-${n}`, []];
    case 'event':
      return r.chance(0.5) ? [`Hackathon ${fr} ${n}`, []] : [`Printemps ${frDe} ${n}`, []];
    default:
      return [`Werkgroep ${nl} ${n}`, [`Groupe de Travail ${fr} ${n}`]];
  }
}

const ORGANISATION_CATEGORIES = [
  [10, 'public-body'], [18, 'administration'], [30, 'company'], [4, 'consortium'], [12, 'non-profit'],
  [8, 'municipality'], [6, 'research'], [4, 'network'], [8, 'office'],
] as const;
const PLATFORM_CATEGORIES = [
  [15, 'portal'], [25, 'application'], [15, 'data-platform'], [10, 'integration-platform'], [10, 'infrastructure'],
  [7, 'iot-platform'], [5, 'crm-platform'], [13, 'service'],
] as const;
const INITIATIVE_CATEGORIES = [[20, 'programme'], [35, 'project'], [10, 'policy'], [10, 'plan'], [12, 'event'], [13, 'working-group']] as const;
const DEPENDENCY_KINDS = [[45, 'BUILDS_ON'], [35, 'DEPENDS_ON'], [20, 'INTEGRATES']] as const;
const MAX_LEVEL = 8;

export function syntheticGraph(size: GraphSize, seed = 42): SyntheticGraph {
  const spec = SIZES[size];
  const r = new Random(seed);
  const b = new Builder(spec.entities, spec.relationships);
  const E = spec.entities;

  // --- Entities ------------------------------------------------------------------------------
  b.entity(SYNTHETIC_DOCUMENT, 'Document', 'synthetic', 'Document Synthétique du Banc d’Essai', ['Synthetic Benchmark Document']);
  const hubs = HUBS.map(([id, type, category, name, aliases]) => b.entity(id, type, category, name, aliases));

  const rest = E - 1 - HUBS.length;
  const nPlat = Math.round(rest * 0.2);
  const nInit = Math.round(rest * 0.17);
  const nContract = Math.round(rest * 0.1);
  const nFunding = Math.round(rest * 0.05);
  const nPerson = Math.round(rest * 0.05);
  const nPrinciple = Math.round(rest * 0.03);
  const nOrg = rest - nPlat - nInit - nContract - nFunding - nPerson - nPrinciple;
  const nIsland = Math.max(6, Math.round(E * 0.003 / 3) * 3);
  const regions = Math.min(99, Math.max(8, Math.round(Math.sqrt(nOrg) / 2)));

  // Organisations: a government per region, then the others by category, regions of uneven size.
  const regionSerial = new Array<number>(regions).fill(0);
  const regionName = (k: number) => `${PLACES[k % PLACES.length]}${k >= PLACES.length ? ` ${Math.floor(k / PLACES.length) + 1}` : ''}`;
  const orgRegion: number[] = [];
  const orgCategory: string[] = [];
  const organisation = (k: number, category: string): number => {
    const serial = ++regionSerial[k]!;
    const [name, aliases] = organisationName(r, category, serial, regionName(k));
    const code = `r${pad(k, 2)}`;
    const i = b.entity(`org-${code}-${pad(serial, 5)}`, 'Organisation', category, name, aliases, { region: code });
    orgRegion[i] = k;
    orgCategory[i] = category;
    return i;
  };
  const governments: number[] = [];
  for (let k = 0; k < regions; k++) governments.push(organisation(k, 'government'));
  const orgs: number[] = [...governments];
  for (let n = regions; n < nOrg - nIsland; n++) {
    orgs.push(organisation(Math.floor(regions * Math.pow(r.next(), 1.3)), r.weighted(ORGANISATION_CATEGORIES)));
  }
  const islands: number[] = [];
  for (let n = 0; n < nIsland; n++) islands.push(organisation(r.int(regions), r.chance(0.5) ? 'company' : 'non-profit'));

  // Platforms: five cores, trees of up to 8 levels below them, and smaller independent trees.
  const plats: number[] = [];
  const platOrder = r.shuffle(Array.from({ length: nPlat }, (_, i) => i));
  const coreOrder = platOrder.slice(0, CORE_PLATFORMS.length);
  for (let p = 0; p < nPlat; p++) {
    const n = p + 1;
    const c = coreOrder.indexOf(p);
    const coreSpec = CORE_PLATFORMS[c];
    const category = coreSpec ? coreSpec[1] : r.weighted(PLATFORM_CATEGORIES);
    const [name, aliases] = coreSpec ? [coreSpec[0], coreSpec[2]] : platformName(r, category, n);
    const properties: Record<string, PropertyValue> = r.chance(0.3) ? { launch: partialDate(r) } : {};
    plats.push(b.entity(`plat-${pad(n, 5)}`, 'Platform', category, name, aliases, properties));
  }
  const corePlatforms = coreOrder.map((p) => plats[p] as number);

  const inits: number[] = [];
  for (let n = 1; n <= nInit; n++) {
    const category = r.weighted(INITIATIVE_CATEGORIES);
    const [name, aliases] = initiativeName(r, category, n);
    inits.push(b.entity(`init-${pad(n, 5)}`, 'Initiative', category, name, aliases, { start: partialDate(r) }));
  }
  const contracts: number[] = [];
  for (let n = 1; n <= nContract; n++) {
    const [frDe, fr] = r.of(TOPICS);
    const [category, name] = r.weighted([
      [70, ['public-contract', `Marché Public ${frDe} n°${n}`]],
      [20, ['framework-agreement', `Accord-cadre ${fr} ${n}`]],
      [10, ['collaboration-protocol', `Protocole de Collaboration ${fr} ${n}`]],
    ] as const);
    contracts.push(b.entity(`ctr-${pad(n, 5)}`, 'Contract', category, name, [], { amount: money(r) }));
  }
  const fundings: number[] = [];
  for (let n = 1; n <= nFunding; n++) {
    const [frDe, fr, nl] = r.of(TOPICS);
    const [category, name] = r.weighted([
      [40, ['grant', `Subside ${frDe} ${year(r)}-${n}`]],
      [25, ['own-budget', `Budget Propre ${fr} ${n}`]],
      [20, ['contribution', `Contribution ${frDe} ${n}`]],
      [15, ['budget', `Subsidie ${nl} ${n}`]],
    ] as const);
    fundings.push(b.entity(`fund-${pad(n, 5)}`, 'Funding', category, name, [], r.chance(0.8) ? { amount: money(r) } : {}));
  }
  const persons: number[] = [];
  for (let n = 1; n <= nPerson; n++) {
    const category = r.weighted([[10, 'minister'], [60, 'civil-servant'], [20, 'expert'], [10, 'member-of-parliament']] as const);
    persons.push(b.entity(`pers-${pad(n, 5)}`, 'Person', category, `${r.of(FIRST_NAMES)} ${r.of(LAST_NAMES)}`, []));
  }
  const principles: number[] = [];
  for (let n = 1; n <= nPrinciple; n++) {
    const base = PRINCIPLES[(n - 1) % PRINCIPLES.length] as string;
    const name = n <= PRINCIPLES.length ? base : `${base} ${n}`;
    principles.push(b.entity(`prin-${pad(n, 5)}`, 'Principle', 'principle', name, []));
  }
  if (b.entities.length !== E) throw new Error(`generated ${b.entities.length} entities, expected ${E}`);

  // --- Pools: shuffled once so that the skewed choice favours items whatever their id -------
  const byCategory = (...categories: string[]) => r.shuffle(orgs.filter((o) => categories.includes(orgCategory[o] as string)));
  const orgPool = r.shuffle([...orgs]);
  const regionPools: number[][] = Array.from({ length: regions }, () => []);
  for (const o of orgPool) regionPools[orgRegion[o] as number]!.push(o);
  const publicPool = byCategory('government', 'public-body', 'administration', 'office');
  const buyerPool = byCategory('government', 'public-body', 'administration', 'municipality', 'office');
  const funderPool = byCategory('government', 'public-body', 'administration');
  const companyPool = byCategory('company');
  const networkPool = byCategory('network', 'consortium');
  const platPool = r.shuffle([...plats]);
  const initPool = r.shuffle([...inits]);
  const contractPool = r.shuffle([...contracts]);
  const fundingPool = r.shuffle([...fundings]);
  const personPool = r.shuffle([...persons]);
  const principlePool = r.shuffle([...principles]);

  // --- Structure ---------------------------------------------------------------------------
  // Administrations and offices belong to a public body of their region, public bodies to its government.
  const regionParents: number[][] = Array.from({ length: regions }, () => []);
  for (const o of orgs) if (orgCategory[o] === 'public-body') regionParents[orgRegion[o] as number]!.push(o);
  for (const o of orgs) {
    const k = orgRegion[o] as number;
    const category = orgCategory[o];
    const government = governments[k] as number;
    if (category === 'public-body' && r.chance(0.8)) b.link('PART_OF', o, government);
    else if ((category === 'administration' || category === 'office') && r.chance(0.9)) {
      const parents = regionParents[k] as number[];
      b.link('PART_OF', o, parents.length && r.chance(0.8) ? r.of(parents) : government);
    } else if (category === 'company' && r.chance(0.08)) b.link('PART_OF', o, r.skewed(companyPool, 0.02));
  }

  // Dependency trees: child -[BUILDS_ON|DEPENDS_ON|INTEGRATES]-> parent, a level below.
  const level = new Map<number, number>();
  const byLevel: number[][] = Array.from({ length: MAX_LEVEL + 1 }, () => []);
  const setLevel = (p: number, l: number) => {
    level.set(p, l);
    byLevel[l]!.push(p);
  };
  corePlatforms.forEach((p) => setLevel(p, 0));
  const treeMembers = platOrder.slice(CORE_PLATFORMS.length, Math.round(nPlat * 0.6)).map((p) => plats[p] as number);
  const weights = Array.from({ length: MAX_LEVEL }, (_, l) => Math.pow(1.25, l + 1));
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  let cursor = 0;
  const levelsOfTrees: number[][] = [corePlatforms];
  for (let l = 1; l <= MAX_LEVEL; l++) {
    // At least two children per core, so that even on `small` each core has a tree below it.
    const share = Math.floor((treeMembers.length * (weights[l - 1] as number)) / totalWeight);
    const count = l === MAX_LEVEL ? treeMembers.length - cursor : Math.min(treeMembers.length - cursor, l === 1 ? Math.max(share, 2 * CORE_PLATFORMS.length) : share);
    const members = treeMembers.slice(cursor, cursor + count);
    cursor += count;
    const above = levelsOfTrees[l - 1] as number[];
    for (const [k, p] of members.entries()) {
      const core = k < 2 * CORE_PLATFORMS.length ? k % CORE_PLATFORMS.length : r.weighted([[35, 0], [25, 1], [18, 2], [12, 3], [10, 4]] as const);
      const parent = l === 1 ? (corePlatforms[core] as number) : r.of(above);
      setLevel(p, l);
      b.link(r.weighted(DEPENDENCY_KINDS), p, parent);
    }
    levelsOfTrees.push(members.length ? members : above);
  }
  const others = platOrder.slice(Math.round(nPlat * 0.6)).map((p) => plats[p] as number);
  others.forEach((p, i) => {
    const parent = i > 0 && !r.chance(0.3) ? (others[r.int(i)] as number) : -1;
    const parentLevel = parent < 0 ? MAX_LEVEL : (level.get(parent) as number);
    if (parentLevel >= MAX_LEVEL) return setLevel(p, 0);
    setLevel(p, parentLevel + 1);
    b.link(r.weighted(DEPENDENCY_KINDS), p, parent);
  });

  for (const p of plats) {
    const operator = corePlatforms.includes(p) ? r.of(governments) : r.chance(0.8) ? r.skewed(publicPool, 0.1) : r.skewed(companyPool, 0.05);
    b.link('OPERATES', operator, p);
  }
  for (const i of inits) {
    b.link('ORGANISES', r.skewed(orgPool, 0.1), i);
    if (r.chance(0.2)) b.link('COORDINATES', r.skewed(publicPool, 0.1), i);
  }
  for (const c of contracts) {
    b.link('PROCURES', r.skewed(buyerPool, 0.1), c);
    b.link('AWARDED_TO', c, r.skewed(companyPool, 0.02));
    if (r.chance(0.5)) b.link('CONCERNS', c, r.skewed(platPool, 0.1));
    else if (r.chance(0.4)) b.link('CONCERNS', c, r.skewed(initPool, 0.1));
  }
  for (const f of fundings) {
    b.link('FUNDS', r.skewed(funderPool, 0.1), f);
    b.link('CONCERNS', f, r.chance(0.6) ? r.skewed(initPool, 0.1) : r.skewed(platPool, 0.1));
  }
  for (const p of persons) {
    b.link('MEMBER_OF', p, r.skewed(orgPool, 0.3));
    if (r.chance(0.4)) b.link('RESPONSIBLE_FOR', p, r.skewed(initPool, 0.1));
  }
  // Hubs: hundreds of organisations participate in the hub initiatives or are members of the hub networks.
  hubs.forEach((h, k) => {
    const type = HUBS[k]?.[1] === 'Initiative' ? 'PARTICIPATES_IN' : 'MEMBER_OF';
    const degree = Math.min(spec.hubDegrees[k] as number, orgPool.length);
    for (let added = 0, tries = 0; added < degree && tries < degree * 20; tries++) if (b.link(type, r.of(orgPool), h)) added++;
  });
  b.link('ORGANISES', r.of(governments), hubs[0] as number);
  b.link('COORDINATES', r.of(governments), hubs[4] as number);
  // Islands: components of three organisations, reachable from nothing else.
  for (let n = 0; n + 2 < islands.length; n += 3) {
    b.link('PART_OF', islands[n] as number, islands[n + 1] as number);
    b.link('COLLABORATES_WITH', islands[n + 2] as number, islands[n + 1] as number);
  }
  if (b.full) throw new Error(`the structure of "${size}" already has ${b.relationships.length} relationships`);

  // --- Filler: heavy-tailed, until the target is reached -------------------------------------
  const sameRegion = (o: number) => regionPools[orgRegion[o] as number] as number[];
  const anyLevelBelow = (p: number): number => {
    const l = level.get(p) as number;
    if (l === 0) return -1;
    const target = byLevel[Math.floor(Math.pow(r.next(), 2) * l)] as number[];
    return target.length ? r.of(target) : -1;
  };
  const fillers: [number, () => boolean][] = [
    [18, () => { const a = r.skewed(orgPool, 0.1); return b.link('COLLABORATES_WITH', a, r.chance(0.75) ? r.skewed(sameRegion(a), 0.3) : r.skewed(orgPool, 0.1)); }],
    [12, () => b.link('PARTICIPATES_IN', r.skewed(orgPool, 0.1), r.skewed(initPool, 0.1))],
    [5, () => b.link('SUPPORTS', r.skewed(orgPool, 0.1), r.skewed(initPool, 0.1))],
    [2, () => b.link('COORDINATES', r.skewed(publicPool, 0.1), r.skewed(initPool, 0.1))],
    [10, () => b.link('USES', r.skewed(orgPool, 0.1), r.skewed(platPool, 0.05))],
    [5, () => b.link('CONTRIBUTES_TO', r.skewed(orgPool, 0.1), r.skewed(platPool, 0.1))],
    [4, () => b.link('CONTRIBUTES_TO', r.chance(0.5) ? r.skewed(platPool, 0.3) : r.skewed(initPool, 0.3), r.skewed(principlePool, 0.05))],
    [1, () => b.link('IMPLEMENTS', r.skewed(publicPool, 0.1), r.skewed(principlePool, 0.05))],
    [5, () => { const p = r.of(plats); const q = anyLevelBelow(p); return q >= 0 && b.link(r.weighted(DEPENDENCY_KINDS), p, q); }],
    [4, () => b.link('DEPENDS_ON', r.skewed(initPool, 0.3), r.skewed(platPool, 0.05))],
    [5, () => { const a = r.skewed(orgPool, 0.3); return b.link('CONSULTS', a, r.chance(0.6) ? r.skewed(sameRegion(a), 0.1) : r.skewed(publicPool, 0.1)); }],
    [5, () => b.link('MEMBER_OF', r.skewed(orgPool, 0.3), r.skewed(networkPool, 0.1))],
    [5, () => b.link('SERVES', r.skewed(initPool, 0.1), r.skewed(orgPool, 0.1))],
    [3, () => b.link('SERVES', r.skewed(platPool, 0.1), r.skewed(orgPool, 0.1))],
    [3, () => b.link('CONCERNS', r.chance(0.7) ? r.skewed(contractPool, 0.3) : r.skewed(fundingPool, 0.3), r.chance(0.5) ? r.skewed(initPool, 0.1) : r.skewed(platPool, 0.1))],
    [3, () => b.link('CONTRIBUTES_TO', r.skewed(initPool, 0.3), r.skewed(initPool, 0.1))],
    [2, () => b.link('PARTY_TO', r.skewed(orgPool, 0.1), r.skewed(contractPool, 0.3))],
    [1, () => b.link('MANDATES', r.skewed(publicPool, 0.1), r.skewed(orgPool, 0.3))],
    [2, () => b.link('MEMBER_OF', r.skewed(personPool, 0.3), r.skewed(orgPool, 0.1))],
    [1, () => b.link('RESPONSIBLE_FOR', r.skewed(personPool, 0.3), r.skewed(initPool, 0.1))],
    [2, () => b.link('OPERATES', r.skewed(publicPool, 0.1), r.skewed(platPool, 0.1))],
    [1, () => b.link('FUNDS', r.skewed(funderPool, 0.1), r.skewed(fundingPool, 0.3))],
  ];
  const cumulative: number[] = [];
  let sum = 0;
  for (const [w] of fillers) cumulative.push((sum += w));
  for (let tries = 0; !b.full; tries++) {
    if (tries > spec.relationships * 50) throw new Error(`could not reach ${spec.relationships} relationships`);
    const u = r.next() * sum;
    let k = 0;
    while ((cumulative[k] as number) <= u) k++;
    (fillers[k] as [number, () => boolean])[1]();
  }

  const graph = { entities: b.entities, relationships: b.relationships, version: `synthetic-${size}-${seed}` };
  return { ...graph, picks: choosePicks(r, b, hubs, corePlatforms) };
}

// ---------------------------------------------------------------------------------------------
// Picks

function choosePicks(r: Random, b: Builder, hubs: number[], corePlatforms: number[]): GraphPicks {
  const n = b.ids.length;
  const m = b.relationships.length;
  // Undirected adjacency, for components and random walks.
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    offsets[b.fromIndex[e]! + 1]!++;
    offsets[b.toIndex[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const adjacent = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    const a = b.fromIndex[e]!;
    const c = b.toIndex[e]!;
    adjacent[fill[a]!++] = c;
    adjacent[fill[c]!++] = a;
  }
  // Components by BFS; the largest is the "main" one.
  const component = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  for (let s = 0; s < n; s++) {
    if (component[s] !== -1) continue;
    const c = sizes.length;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    component[s] = c;
    while (head < tail) {
      const v = queue[head++]!;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const w = adjacent[k]!;
        if (component[w] === -1) {
          component[w] = c;
          queue[tail++] = w;
        }
      }
    }
    sizes.push(tail);
  }
  const main = sizes.indexOf(Math.max(...sizes));
  const inMain: number[] = [];
  const outside: number[] = [];
  for (let i = 0; i < n; i++) (component[i] === main ? inMain : outside).push(i);

  // ids: tens of relationships, not a hub, spread over the id range.
  const hubSet = new Set(hubs);
  let candidates = inMain.filter((i) => !hubSet.has(i) && b.degree[i]! >= 10 && b.degree[i]! < 100);
  if (candidates.length < 200) {
    candidates = inMain
      .filter((i) => !hubSet.has(i) && b.degree[i]! < 100)
      .sort((x, y) => b.degree[y]! - b.degree[x]! || x - y)
      .slice(0, 200);
  }
  const byId = (x: number, y: number) => compareIds(b.ids[x] as string, b.ids[y] as string);
  candidates.sort(byId);
  const ids = Array.from({ length: Math.min(200, candidates.length) }, (_, k) => b.ids[candidates[Math.floor((k * candidates.length) / 200)] as number] as string);

  // pairs: random walks of 2 to 6 steps (connected within 6 hops), a few uniform pairs, a few across components.
  const pairs: [string, string][] = [];
  const walk = (from: number, steps: number): number => {
    let v = from;
    for (let s = 0; s < steps; s++) {
      const d = offsets[v + 1]! - offsets[v]!;
      if (d === 0) return v;
      v = adjacent[offsets[v]! + r.int(d)]!;
    }
    return v;
  };
  while (pairs.length < 160) {
    const from = r.of(inMain);
    const to = walk(from, 2 + r.int(5));
    if (to !== from) pairs.push([b.ids[from] as string, b.ids[to] as string]);
  }
  while (pairs.length < 180) {
    const from = r.of(inMain);
    const to = r.of(inMain);
    if (to !== from) pairs.push([b.ids[from] as string, b.ids[to] as string]);
  }
  while (pairs.length < 200) {
    const from = r.of(inMain);
    const to = outside.length ? r.of(outside) : r.of(inMain);
    if (to !== from) pairs.push(r.chance(0.5) ? [b.ids[from] as string, b.ids[to] as string] : [b.ids[to] as string, b.ids[from] as string]);
  }
  r.shuffle(pairs);

  // searchTerms: fixed words, then names of the graph as typed: exact, without accents, first words.
  const searchTerms = [...FIXED_SEARCH_TERMS];
  while (searchTerms.length < 50) {
    const e = b.entities[1 + r.int(n - 1)] as Entity;
    const words = e.label.split(' ');
    const form = searchTerms.length % 4;
    const term = form === 0 ? e.label : form === 1 ? foldText(e.label) : form === 2 ? foldText(words.slice(0, 2).join(' ')) : (e.names[0]?.text ?? foldText(words[0] ?? e.label));
    if (!searchTerms.includes(term)) searchTerms.push(term);
  }

  return {
    ids,
    hubs: hubs.map((h) => b.ids[h] as string),
    corePlatforms: corePlatforms.map((p) => b.ids[p] as string),
    pairs,
    searchTerms,
  };
}

// ---------------------------------------------------------------------------------------------
// Description

export function describeGraph(g: SyntheticGraph): string {
  const count = (items: { type: string }[]) => {
    const c = new Map<string, number>();
    for (const x of items) c.set(x.type, (c.get(x.type) ?? 0) + 1);
    return [...c].sort((x, y) => y[1] - x[1]).map(([t, k]) => `${t} ${k}`).join(', ');
  };
  const index = new Map(g.entities.map((e, i) => [e.id, i]));
  const degree = new Int32Array(g.entities.length);
  for (const rel of g.relationships) {
    degree[index.get(rel.from)!]!++;
    degree[index.get(rel.to)!]!++;
  }
  const sorted = Int32Array.from(degree).sort();
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  let top = 0;
  for (let i = 1; i < degree.length; i++) if (degree[i]! > degree[top]!) top = i;
  const isolated = sorted.findIndex((d) => d > 0);
  const hubDegrees = g.picks.hubs.map((h) => degree[index.get(h)!]).join('/');
  const pickDegrees = g.picks.ids.map((id) => degree[index.get(id)!]!).sort((x, y) => x - y);
  return [
    `${g.version}: ${g.entities.length} entities, ${g.relationships.length} relationships`,
    `  entities: ${count(g.entities)}`,
    `  relationships: ${count(g.relationships)}`,
    `  degree: max ${degree[top]} (${g.entities[top]?.id}), p99 ${q(0.99)}, p90 ${q(0.9)}, median ${q(0.5)}, mean ${((2 * g.relationships.length) / g.entities.length).toFixed(1)}, isolated ${isolated < 0 ? sorted.length : isolated}`,
    `  picks: hubs ${hubDegrees} edges; ids degree ${pickDegrees[0]}..${pickDegrees[pickDegrees.length - 1]}; ${g.picks.pairs.length} pairs; ${g.picks.searchTerms.length} search terms, e.g. ${g.picks.searchTerms.slice(24, 28).map((t) => JSON.stringify(t)).join(', ')}`,
  ].join('\n');
}

if (require.main === module) {
  for (const size of ['small', 'medium', 'large'] as const) {
    const started = process.hrtime.bigint();
    const g = syntheticGraph(size);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${describeGraph(g)}\n  generated in ${ms.toFixed(0)} ms\n`);
  }
}
