import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { describeExports } from './export-checks';

describeExports('embedded', async () => new SqliteStore(':memory:'));
