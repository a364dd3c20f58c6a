import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { describeNames } from './names';

describeNames('embedded', async () => new SqliteStore(':memory:'));
