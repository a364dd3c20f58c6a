import type { EntityType, Modality, RelationshipType } from './vocabulary';

/**
 * The vocabulary in plain words, for people who do not read enum names: what a
 * relationship says when read from its `from` to its `to` ("Fidus — est intégré par —"
 * reads badly, so each is a verb phrase of its subject: "CIRB exploite Fidus"), what a
 * modality says, and what an entity type is called. The API's `label` fields, the
 * exports and the explorer all read these tables, in French (the sources' language)
 * and English.
 */
export const WORD_LANGUAGES = ['fr', 'en'] as const;
export type WordLanguage = (typeof WORD_LANGUAGES)[number];
export const DEFAULT_WORD_LANGUAGE: WordLanguage = 'fr';

type Words = Record<WordLanguage, string>;

export const RELATIONSHIP_WORDS: Record<RelationshipType, Words> = {
  PART_OF: { fr: 'fait partie de', en: 'is part of' },
  MEMBER_OF: { fr: 'est membre de', en: 'is a member of' },
  COLLABORATES_WITH: { fr: 'collabore avec', en: 'collaborates with' },
  OPERATES: { fr: 'exploite', en: 'operates' },
  DEPENDS_ON: { fr: 'dépend de', en: 'depends on' },
  BUILDS_ON: { fr: 'repose sur', en: 'builds on' },
  INTEGRATES: { fr: 'intègre', en: 'integrates' },
  CONTRIBUTES_TO: { fr: 'contribue à', en: 'contributes to' },
  FUNDS: { fr: 'finance', en: 'funds' },
  PROCURES: { fr: 'passe le marché', en: 'procures' },
  AWARDED_TO: { fr: 'est attribué à', en: 'is awarded to' },
  CONCERNS: { fr: 'concerne', en: 'concerns' },
  SUPPORTS: { fr: 'soutient', en: 'supports' },
  ORGANISES: { fr: 'organise', en: 'organises' },
  COORDINATES: { fr: 'coordonne', en: 'coordinates' },
  PARTICIPATES_IN: { fr: 'participe à', en: 'takes part in' },
  CONSULTS: { fr: 'se concerte avec', en: 'consults' },
  MANDATES: { fr: 'mandate', en: 'mandates' },
  IMPLEMENTS: { fr: 'met en œuvre', en: 'implements' },
  RESPONSIBLE_FOR: { fr: 'est responsable de', en: 'is responsible for' },
  ACTS_AS: { fr: 'agit comme', en: 'acts as' },
  SERVES: { fr: 'sert', en: 'serves' },
  USES: { fr: 'utilise', en: 'uses' },
  PARTY_TO: { fr: 'est partie à', en: 'is party to' },
  AUTHORED: { fr: 'est l’auteur de', en: 'wrote' },
  ADDRESSED_TO: { fr: 'est adressé à', en: 'is addressed to' },
  ANSWERED: { fr: 'a répondu à', en: 'answered' },
  DESCRIBED_IN: { fr: 'est décrit dans', en: 'is described in' },
  MODEL_FOR: { fr: 'sert de modèle à', en: 'is a model for' },
  PUBLISHED_BY: { fr: 'est publié par', en: 'is published by' },
  CARRIES_OUT: { fr: 'exécute', en: 'carries out' },
  LAUNCHES: { fr: 'lance', en: 'launches' },
  ANALYSES: { fr: 'analyse', en: 'analyses' },
  PARTNER_IN: { fr: 'est partenaire de', en: 'is a partner in' },
  DISCUSSES: { fr: 'discute de', en: 'discusses' },
};

/** How sure a relationship is, as an adjective a reader sees beside it; nothing for a plain fact. */
export const MODALITY_WORDS: Record<Modality, Words> = {
  FACT: { fr: 'fait établi', en: 'stated fact' },
  ONGOING: { fr: 'en cours', en: 'ongoing' },
  PLANNED: { fr: 'prévu', en: 'planned' },
  INVITED: { fr: 'invité', en: 'invited' },
  PROPOSED: { fr: 'proposé', en: 'proposed' },
  POSITIONED: { fr: 'se profile comme', en: 'positioned as' },
};

export const ENTITY_TYPE_WORDS: Record<EntityType, Words> = {
  Organisation: { fr: 'Organisation', en: 'Organisation' },
  Person: { fr: 'Personne', en: 'Person' },
  Platform: { fr: 'Plateforme', en: 'Platform' },
  Initiative: { fr: 'Initiative', en: 'Initiative' },
  Contract: { fr: 'Marché', en: 'Contract' },
  Funding: { fr: 'Financement', en: 'Funding' },
  Principle: { fr: 'Principe', en: 'Principle' },
  Document: { fr: 'Document', en: 'Document' },
};

/**
 * A relationship in words: its verb phrase, with its modality in brackets unless it is a
 * plain fact ("exploite", "organise (prévu)").
 */
export function relationshipWords(type: RelationshipType, modality: Modality, language: WordLanguage = DEFAULT_WORD_LANGUAGE): string {
  const verb = RELATIONSHIP_WORDS[type][language];
  return modality === 'FACT' ? verb : `${verb} (${MODALITY_WORDS[modality][language]})`;
}

export function isWordLanguage(value: string): value is WordLanguage {
  return (WORD_LANGUAGES as readonly string[]).includes(value);
}
