import type { Entity, Money } from '../domain/model';
import type { RelationshipType } from '../domain/vocabulary';
import type { Context } from './context';

/** How money moves through the graph: an instrument (a contract or a funding) and the relationships around it. */
const PAYS: RelationshipType[] = ['FUNDS', 'PROCURES'];
const RECEIVES: RelationshipType[] = ['AWARDED_TO'];
const PAYS_FOR: RelationshipType[] = ['CONCERNS', 'SUPPORTS'];

const isInstrument = (e: Entity | null): e is Entity => e !== null && (e.type === 'Contract' || e.type === 'Funding');

/** The amount of a contract or funding: its `amount`, or its `budget`; null when the source gives none. */
export function amountOf(e: Entity): Money | null {
  const m = (e.properties.amount ?? e.properties.budget) as Money | undefined;
  return m && typeof m === 'object' && 'currency' in m ? m : null;
}

async function ends(ctx: Context, id: string, direction: 'IN' | 'OUT', types: RelationshipType[]): Promise<Entity[]> {
  const relationships = await ctx.loaders.relationshipsOf(id, direction, types);
  const wanted = relationships.filter((r) => (direction === 'OUT' ? r.from === id : r.to === id)).map((r) => (direction === 'OUT' ? r.to : r.from));
  const entities = await ctx.loaders.entity.loadMany([...new Set(wanted)]);
  return entities.filter((e): e is Entity => e !== null && !(e instanceof Error));
}

/**
 * An instrument carries money when the text gives it an amount or a payer: a collaboration
 * protocol (a Contract with parties but neither) is not a payment.
 */
async function carriesMoney(ctx: Context, instruments: Entity[]): Promise<Entity[]> {
  const payers = await Promise.all(instruments.map((i) => (amountOf(i) ? [i] : ends(ctx, i.id, 'IN', PAYS))));
  return instruments.filter((_, n) => payers[n]!.length > 0);
}

/** The instruments that pay for `e`, and those `e` pays, through the per-request loaders (one store call per level). */
export const moneyFields = {
  fundedBy: async (e: Entity, _: unknown, ctx: Context) => carriesMoney(ctx, (await ends(ctx, e.id, 'IN', PAYS_FOR)).filter(isInstrument)),
  pays: async (e: Entity, _: unknown, ctx: Context) => (await ends(ctx, e.id, 'OUT', PAYS)).filter(isInstrument),
};

export const MoneyFlow = {
  instrument: (i: Entity) => i,
  amount: (i: Entity) => amountOf(i),
  payers: (i: Entity, _: unknown, ctx: Context) => ends(ctx, i.id, 'IN', PAYS),
  recipients: (i: Entity, _: unknown, ctx: Context) => ends(ctx, i.id, 'OUT', RECEIVES),
  paysFor: (i: Entity, _: unknown, ctx: Context) => ends(ctx, i.id, 'OUT', PAYS_FOR),
  sources: (i: Entity) => i.sources,
};
