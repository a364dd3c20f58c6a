/** What an id rule needs to know of the graph: whether an id is a current entity's, and what an id merged away stands for. */
export interface IdLookup {
  isEntity(id: string): boolean;
  mergedInto(id: string): string | null;
}

/**
 * What an id names, the one rule for reads and writes: itself when an entity has it; else
 * its lower-case form when an entity has that (the seed's ids are lower-case slugs, clients
 * type `FIDUS`); else the entity it, or its lower-case form, was merged into; else nothing.
 */
export function entityNamedBy(id: string, lookup: IdLookup): string | null {
  const lower = id.toLowerCase();
  if (lookup.isEntity(id)) return id;
  if (lower !== id && lookup.isEntity(lower)) return lower;
  return lookup.mergedInto(id) ?? (lower !== id ? lookup.mergedInto(lower) : null);
}

/** The ids the rule may look at for `id`: itself and its lower-case form. */
export const idForms = (id: string): string[] => (id.toLowerCase() === id ? [id] : [id, id.toLowerCase()]);
