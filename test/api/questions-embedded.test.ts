import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { describeQuestions } from './questions';

describeQuestions('embedded', async () => new SqliteStore(':memory:'));
