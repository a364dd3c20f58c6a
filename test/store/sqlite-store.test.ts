import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { describeStoreContract } from '../contract/store-contract';

const dir = mkdtempSync(join(tmpdir(), 'graph-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('embedded', {
  open: async () => new SqliteStore(join(dir, `contract-${Date.now()}.sqlite`)),
});
