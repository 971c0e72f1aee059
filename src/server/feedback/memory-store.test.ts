import { createMemoryStore } from './memory-store.ts';
import { feedbackStoreContract } from './store-contract.ts';

feedbackStoreContract('memory store', { open: async (now) => createMemoryStore({ now }) });
