import { describeEveryStore } from '../helpers/every-store';
import { describeCuration } from './curation';
import { describeDocuments } from './documents';
import { describeFrontend } from './frontend';
import { describeMoney } from './money';
import { describeNames } from './names';
import { describeQuestions } from './questions';
import { describeReadmeCuration } from './readme-curation';
import { describeRelationshipFilters } from './relationship-filters';
import { describeSearch } from './search';
import { describeSuggestions } from './suggestions';

/** The API as users meet it (GraphQL through the app), every suite on every store (test/helpers/every-store.ts). */
describeEveryStore('the API', (store) => {
  describeQuestions(store.kind, store.open);
  describeRelationshipFilters(store.kind, store.open);
  describeMoney(store.kind, store.open);
  describeFrontend(store.kind, store.open);
  describeDocuments(store.kind, store.open);
  describeSearch(store.kind, store.open);
  describeSuggestions(store.kind, store.open);
  describeNames(store.kind, store.open);
  describeCuration(store.kind, store.open);
  describeReadmeCuration(store.kind, store.open);
});
