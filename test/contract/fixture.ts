import { relationshipId, type Entity, type GraphData, type Relationship } from '../../src/domain/model';
import type { EntityType, RelationshipType } from '../../src/domain/vocabulary';

/**
 * A small graph with the shapes the contract needs: a dependency chain four deep,
 * a symmetric relationship, a hub with twelve spokes, an isolated entity, accents
 * and aliases. Every store must answer the same about it.
 */
const DOC = 'fixture-doc';
const cite = (quote: string) => [{ document: DOC, quote, section: 'answer-1' }];

function entity(id: string, type: EntityType, name: string, extra: Partial<Entity> = {}): Entity {
  return { id, type, category: null, name, aliases: [], properties: {}, sources: cite(`about ${name}`), ...extra };
}
function rel(from: string, type: RelationshipType, to: string, properties: Relationship['properties'] = {}): Relationship {
  return { id: relationshipId(from, type, to), type, from, to, properties, sources: cite(`${from} ${type} ${to}`) };
}

const spokes = Array.from({ length: 12 }, (_, i) => `spoke-${String(i + 1).padStart(2, '0')}`);

export const fixture: GraphData = {
  version: 'fixture-1',
  entities: [
    entity(DOC, 'Document', 'Fixture document'),
    entity('agence', 'Organisation', 'Agence Numérique', {
      category: 'public-body',
      aliases: ['AN', 'Agentschap Digitaal'],
      properties: { founded: { date: '2020-23', text: 'cet automne' }, staff: 12, regional: true, tags: ['a', 'b'] },
    }),
    entity('partenaire', 'Organisation', 'Partenaire Privé', { category: 'company' }),
    entity('portail', 'Platform', 'Portail Beta', { properties: { launch: { date: '2019-36', text: 'fin 2019' } } }),
    entity('beta', 'Platform', 'Beta'),
    entity('integrateur', 'Platform', 'Intégrateur de services'),
    entity('socle', 'Platform', 'Socle de données'),
    entity('reseau', 'Platform', 'Réseau fibre'),
    entity('appli', 'Platform', 'Application citoyenne'),
    entity('marche', 'Contract', 'Marché public', {
      properties: { amount: { value: 220000, currency: 'EUR', vat: 'excluded', text: '220K HTVA' } },
    }),
    entity('hub', 'Initiative', 'Grand Programme', { properties: { start: { date: '2021', text: 'en 2021' } } }),
    ...spokes.map((id) => entity(id, 'Organisation', `Membre ${id}`)),
    entity('isole', 'Principle', 'Principe isolé'),
  ],
  relationships: [
    // Dependency chain: portail -> integrateur -> socle -> reseau; appli -> integrateur.
    rel('portail', 'BUILDS_ON', 'integrateur'),
    rel('integrateur', 'DEPENDS_ON', 'socle'),
    rel('socle', 'INTEGRATES', 'reseau'),
    rel('appli', 'DEPENDS_ON', 'integrateur'),
    rel('agence', 'OPERATES', 'portail', { since: { date: '2020-05', text: 'mai 2020' } }),
    rel('agence', 'OPERATES', 'integrateur'),
    rel('agence', 'COLLABORATES_WITH', 'partenaire', { context: 'CRM' }),
    rel('agence', 'PROCURES', 'marche'),
    rel('marche', 'AWARDED_TO', 'partenaire'),
    rel('beta', 'CONTRIBUTES_TO', 'hub'),
    ...spokes.map((id) => rel(id, 'PARTICIPATES_IN', 'hub')),
  ],
};
