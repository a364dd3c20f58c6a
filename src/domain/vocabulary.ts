/**
 * The controlled vocabulary of the graph: entity types and relationship types.
 * The seed schema, the stores and the GraphQL enums all read these lists, so a
 * new type is added here (and described in schema/*.graphql) and nowhere else.
 */

export const ENTITY_TYPES = [
  'Organisation',
  'Person',
  'Platform',
  'Initiative',
  'Contract',
  'Funding',
  'Principle',
  'Document',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const RELATIONSHIP_TYPES = [
  'PART_OF',
  'MEMBER_OF',
  'COLLABORATES_WITH',
  'OPERATES',
  'DEPENDS_ON',
  'BUILDS_ON',
  'INTEGRATES',
  'CONTRIBUTES_TO',
  'FUNDS',
  'PROCURES',
  'AWARDED_TO',
  'CONCERNS',
  'SUPPORTS',
  'ORGANISES',
  'COORDINATES',
  'PARTICIPATES_IN',
  'CONSULTS',
  'MANDATES',
  'IMPLEMENTS',
  'RESPONSIBLE_FOR',
  'ACTS_AS',
  'SERVES',
  'USES',
  'PARTY_TO',
  'AUTHORED',
  'ADDRESSED_TO',
  'ANSWERED',
  'DESCRIBED_IN',
  'MODEL_FOR',
  'PUBLISHED_BY',
  'CARRIES_OUT',
  'LAUNCHES',
  'ANALYSES',
  'PARTNER_IN',
  'DISCUSSES',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** Stored once, read from both ends: direction filters do not apply to them. */
export const SYMMETRIC_TYPES: readonly RelationshipType[] = ['COLLABORATES_WITH'];

/**
 * The edges that carry a dependency: `A -[DEPENDS_ON|BUILDS_ON|INTEGRATES]-> B`
 * means A relies on B, so B is upstream of A and A is downstream of B.
 */
export const DEPENDENCY_TYPES: readonly RelationshipType[] = ['DEPENDS_ON', 'BUILDS_ON', 'INTEGRATES'];

/**
 * The relationship types a read follows: `types` (every type when absent) without
 * `excludeTypes`; undefined when neither is given, for "every type".
 */
export function followedTypes(
  types: readonly RelationshipType[] | null | undefined,
  excludeTypes: readonly RelationshipType[] | null | undefined,
): readonly RelationshipType[] | undefined {
  if (!excludeTypes?.length) return types ?? undefined;
  return (types ?? RELATIONSHIP_TYPES).filter((t) => !excludeTypes.includes(t));
}

export function isSymmetric(type: string): boolean {
  return (SYMMETRIC_TYPES as readonly string[]).includes(type);
}

/**
 * How a source states a relationship: as a fact (the default, when the seed says
 * nothing), as ongoing, planned or announced, as an invitation, as proposed or
 * required, or as a positioning ("se profile comme"). Seeds write them in lowercase.
 */
export const MODALITIES = ['FACT', 'ONGOING', 'PLANNED', 'INVITED', 'PROPOSED', 'POSITIONED'] as const;
export type Modality = (typeof MODALITIES)[number];
export const DEFAULT_MODALITY: Modality = 'FACT';

export function isModality(value: string): value is Modality {
  return (MODALITIES as readonly string[]).includes(value);
}

/**
 * Where an entity stands, when the source says so: planned or announced, launched
 * (started, "a lancé"), ongoing, or ended. Seeds write them in lowercase; absent
 * means the source does not say.
 */
export const ENTITY_STATUSES = ['PLANNED', 'LAUNCHED', 'ONGOING', 'ENDED'] as const;
export type EntityStatus = (typeof ENTITY_STATUSES)[number];

/**
 * What a name of an entity is: its official name, an acronym, its label in another
 * language, another wording of the text, a misprint kept as printed, or the office a
 * person holds (so that a role finds the person). Seeds write them in lowercase.
 */
export const NAME_KINDS = ['OFFICIAL', 'ACRONYM', 'LABEL', 'ALIAS', 'SIC', 'ROLE'] as const;
export type NameKind = (typeof NAME_KINDS)[number];

/** A display label's length limit, for `label` and names of kind LABEL: long enough for "Marché Gartner: plateforme d'échange de données". */
export const LABEL_MAX_LENGTH = 48;
