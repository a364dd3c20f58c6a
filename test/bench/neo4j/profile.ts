/**
 * PROFILE of one Cypher statement, printed as an operator tree with rows and db hits.
 * The statement runs in a transaction that is rolled back.
 */
import neo4j, { type Driver } from 'neo4j-driver';

interface Plan { operatorType: string; identifiers: string[]; arguments: Record<string, unknown>; dbHits: number; rows: number; children: Plan[] }

export function planText(plan: Plan, indent = ''): string {
  const details = String(plan.arguments.Details ?? '').slice(0, 110);
  const mem = plan.arguments.Memory ? ` mem ${plan.arguments.Memory}` : '';
  const time = plan.arguments.Time ? ` t ${Math.round(Number(plan.arguments.Time) / 1000)}us` : '';
  let out = `${indent}${plan.operatorType} rows ${plan.rows} hits ${plan.dbHits}${mem}${time}  ${details}\n`;
  for (const c of plan.children) out += planText(c, indent + '  ');
  return out;
}

export function totalHits(plan: Plan): number {
  return plan.dbHits + plan.children.reduce((n, c) => n + totalHits(c), 0);
}

export async function profile(driver: Driver, query: string, params: Record<string, unknown>): Promise<{ text: string; hits: number; ms: number }> {
  const session = driver.session();
  const tx = session.beginTransaction();
  try {
    const started = Date.now();
    const result = await tx.run(`PROFILE ${query.replace(/^(\s*\/\/.*\n)*/, '')}`, params);
    const ms = Date.now() - started;
    const plan = result.summary.profile as unknown as Plan;
    return { text: planText(plan), hits: totalHits(plan), ms };
  } finally {
    await tx.rollback();
    await session.close();
  }
}

export function connect(): Driver {
  return neo4j.driver(process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7691', neo4j.auth.basic('neo4j', 'x'), { disableLosslessIntegers: true });
}
