import { MemoryStore } from '../../server/store/memory';
import { runStoreContract } from './contract';

runStoreContract('memory', () => {
  let offset = 0;
  const store = new MemoryStore({ now: () => Date.now() + offset });
  return { store, advance: (ms) => { offset += ms; } };
});
