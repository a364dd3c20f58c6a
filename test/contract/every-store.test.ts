import { describeEveryStore } from '../helpers/every-store';
import { describeCurationContract } from './curation-contract';
import { describeDocumentContract } from './document-contract';
import { describeHopsContract } from './hops-contract';
import { describeSearchContract } from './search-contract';
import { describeStoreContract } from './store-contract';
import { describeTokenContract } from './token-contract';

/** The GraphStore contract, every part of it on every store (test/helpers/every-store.ts). */
describeEveryStore('the GraphStore contract', (store) => {
  describeStoreContract(store.kind, store);
  describeDocumentContract(store.kind, store.open);
  describeHopsContract(store.kind, store.open);
  describeSearchContract(store.kind, store.open);
  describeTokenContract(store.kind, store);
  describeCurationContract(store.kind, store.open);
});
