import type { Driver } from 'neo4j-driver';

/** Deletes every node and relationship in chunks (an auto-commit transaction, as CALL IN TRANSACTIONS requires). */
export async function emptyDatabase(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}
