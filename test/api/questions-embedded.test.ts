import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { describeQuestions } from './questions';

describeQuestions('the embedded store', async () => new SqliteStore(':memory:'));
