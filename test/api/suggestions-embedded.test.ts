import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { describeSuggestions } from './suggestions';

describeSuggestions('embedded', async () => new SqliteStore(':memory:'));
