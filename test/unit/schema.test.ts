import { isEnumType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { RELATIONSHIP_TYPES, ENTITY_STATUSES, ENTITY_TYPES, MODALITIES, NAME_KINDS } from '../../src/domain/vocabulary';
import { fieldsTakingAsOf } from '../../src/graphql/as-of';
import { buildSchema } from '../../src/graphql/schema';

describe('the GraphQL schema', () => {
  const schema: GraphQLSchema = buildSchema();
  const own = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name));

  it('describes every type, field and enum value (GraphiQL docs are the analysts\' manual)', () => {
    const missing: string[] = [];
    for (const type of own) {
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('lists the same relationship vocabulary, modalities, entity types, statuses and name kinds as the domain', () => {
    const rel = schema.getType('RelationshipType');
    expect(isEnumType(rel) && rel.getValues().map((v) => v.name)).toEqual([...RELATIONSHIP_TYPES]);
    const modality = schema.getType('Modality');
    expect(isEnumType(modality) && modality.getValues().map((v) => v.name)).toEqual([...MODALITIES]);
    const types = schema.getType('EntityType');
    expect(isEnumType(types) && types.getValues().map((v) => v.name)).toEqual([...ENTITY_TYPES]);
    for (const [name, values] of [['EntityStatus', ENTITY_STATUSES], ['NameKind', NAME_KINDS]] as const) {
      const type = schema.getType(name);
      expect(isEnumType(type) && type.getValues().map((v) => v.name)).toEqual([...values]);
    }
    expect(schema.getPossibleTypes(schema.getType('Entity') as never).map((t) => t.name).sort()).toEqual([...ENTITY_TYPES].sort());
  });
});

describe('the fields that take asOf', () => {
  it('are the Query fields with an asOf argument, in type Query and its extensions', () => {
    const sdl = ['type Query { a(asOf: String): Int  b(id: ID): Int }', 'extend type Query { c(x: Int, asOf: String): Int }', 'type Other { d(asOf: String): Int }'];
    expect(fieldsTakingAsOf(sdl)).toEqual(['a', 'c']);
  });
});
