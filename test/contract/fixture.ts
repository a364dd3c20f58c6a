import { relationshipId, type Entity, type GraphData, type Relationship } from '../../src/domain/model';
import type { EntityType, RelationshipType } from '../../src/domain/vocabulary';

/**
 * A small graph with the shapes the contract needs: a dependency chain four deep,
 * a symmetric relationship, a hub with twelve spokes, an isolated entity, accents,
 * names in three languages and of several kinds, a status, inferred fields and values
 * with their basis, an approximate date, and relationships stated otherwise than as facts or holding only for a
 * time (below: the modality and time filters). Every store must answer the same about it.
 */
const DOC = 'fixture-doc';
const cite = (quote: string) => [{ document: DOC, quote, section: 'answer-1' }];

function entity(id: string, type: EntityType, label: string, extra: Partial<Entity> = {}): Entity {
  return { id, type, category: null, label, names: [], status: null, inferred: {}, properties: {}, sources: cite(`about ${label}`), ...extra };
}
function rel(
  from: string,
  type: RelationshipType,
  to: string,
  properties: Relationship['properties'] = {},
  extra: Pick<Relationship, 'modality' | 'start' | 'end' | 'at' | 'inferred'> = {},
): Relationship {
  return { id: relationshipId(from, type, to), type, from, to, properties, sources: cite(`${from} ${type} ${to}`), ...extra };
}

const spokes = Array.from({ length: 12 }, (_, i) => `spoke-${String(i + 1).padStart(2, '0')}`);

export const fixture: GraphData = {
  version: 'fixture-1',
  entities: [
    entity(DOC, 'Document', 'Fixture document', { properties: { title: 'Fixture document, in full', language: 'fr' } }),
    entity('agence', 'Organisation', 'Agence Numérique', {
      category: 'public-body',
      names: [
        { text: 'AN', language: 'fr', kind: 'ACRONYM' },
        { text: 'Agentschap Digitaal', language: 'nl', kind: 'LABEL' },
        { text: 'Digital Agency', language: 'en', kind: 'LABEL' },
        { text: 'Agence Numérique de la Région', language: 'fr', kind: 'OFFICIAL' },
      ],
      status: 'LAUNCHED',
      inferred: { category: 'the text names it beside the administrations' },
      properties: {
        founded: { date: '2020-23', text: 'cet automne', inferred: true, basis: 'year taken from the answer\'s date' },
        staff: 12,
        regional: true,
        tags: ['a', 'b'],
      },
    }),
    entity('partenaire', 'Organisation', 'Partenaire Privé', { category: 'company' }),
    entity('portail', 'Platform', 'Portail Beta', {
      status: 'PLANNED',
      properties: { launch: { date: '2019-36', text: 'fin 2019', approximate: true, basis: '« fin 2019 » read as the last quarter' } },
    }),
    entity('beta', 'Platform', 'Beta'),
    entity('integrateur', 'Platform', 'Intégrateur de services'),
    entity('socle', 'Platform', 'Socle de données'),
    entity('reseau', 'Platform', 'Réseau fibre'),
    entity('appli', 'Platform', 'Application citoyenne'),
    entity('marche', 'Contract', 'Marché public', {
      properties: {
        amount: { value: 220000, currency: 'EUR', vat: 'excluded', text: '220K HTVA', inferred: true, basis: 'no currency sign; euros, the Region\'s currency' },
      },
    }),
    entity('hub', 'Initiative', 'Grand Programme', { properties: { start: { date: '2021', text: 'en 2021' } } }),
    ...spokes.map((id) => entity(id, 'Organisation', `Membre ${id}`)),
    entity('isole', 'Principle', 'Principe isolé'),
  ],
  relationships: [
    // Dependency chain: portail -> integrateur -> socle -> reseau; appli -> integrateur.
    rel('portail', 'BUILDS_ON', 'integrateur'),
    rel('integrateur', 'DEPENDS_ON', 'socle'),
    // Modalities and times: socle INTEGRATES reseau is planned from 2021; appli DEPENDS_ON
    // integrateur is proposed; agence OPERATES portail is ongoing since May 2020; the
    // collaboration ended late 2019; the award holds during 2020; spoke-01 is invited,
    // beta is positioned; every other relationship is a fact that holds always.
    rel('socle', 'INTEGRATES', 'reseau', {}, { modality: 'PLANNED', start: { date: '2021', text: 'en 2021' } }),
    rel('appli', 'DEPENDS_ON', 'integrateur', {}, { modality: 'PROPOSED' }),
    rel('agence', 'OPERATES', 'portail', { since: { date: '2020-05', text: 'mai 2020' } }, { modality: 'ONGOING', start: { date: '2020-05', text: 'mai 2020' } }),
    rel('agence', 'OPERATES', 'integrateur', {}, { inferred: { type: 'the text says it "gère" the integrator' } }),
    rel('agence', 'COLLABORATES_WITH', 'partenaire', { context: 'CRM' }, { end: { date: '2019-36', text: 'fin 2019' } }),
    rel('agence', 'PROCURES', 'marche'),
    rel('marche', 'AWARDED_TO', 'partenaire', {}, { at: { date: '2020' } }),
    rel('beta', 'CONTRIBUTES_TO', 'hub', {}, { modality: 'POSITIONED' }),
    ...spokes.map((id, i) => rel(id, 'PARTICIPATES_IN', 'hub', {}, i === 0 ? { modality: 'INVITED' } : {})),
  ],
};
