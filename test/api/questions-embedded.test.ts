import { SqliteStore } from '../../src/store/embedded/sqlite-store';
import { describeQuestions } from './questions';
import { describeMoney } from './money';
import { describeDocuments } from './documents';
import { describeSearch } from './search';
import { describeRelationshipFilters } from './relationship-filters';
import { describeFrontend } from './frontend';
import { describeCuration } from './curation';
import { describeReadmeCuration } from './readme-curation';

describeQuestions('embedded', async () => new SqliteStore(':memory:'));
describeRelationshipFilters('embedded', async () => new SqliteStore(':memory:'));
describeMoney('embedded', async () => new SqliteStore(':memory:'));
describeDocuments('embedded', async () => new SqliteStore(':memory:'));
describeSearch('embedded', async () => new SqliteStore(':memory:'));
describeFrontend('embedded', async () => new SqliteStore(':memory:'));
describeCuration('embedded', async () => new SqliteStore(':memory:'));
describeReadmeCuration('embedded', async () => new SqliteStore(':memory:'));
