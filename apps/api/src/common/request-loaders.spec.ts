import { RequestLoader } from './request-loaders';

const isPromise = (value: unknown): boolean => typeof (value as Promise<unknown>)?.then === 'function';

describe('RequestLoader: batched, and readable at once once loaded', () => {
  let batches: string[][];
  const make = () =>
    new RequestLoader<string, string | null>(async (keys) => {
      batches.push([...keys]);
      return keys.map((key) => (key.startsWith('x') ? null : key.toUpperCase()));
    });
  beforeEach(() => {
    batches = [];
  });

  it('answers through a promise while a key is unknown, in one batch for a tick', async () => {
    const loader = make();
    const answers = ['a', 'b', 'a'].map((key) => loader.now(key, (v) => `<${v}>`));
    expect(answers.every(isPromise)).toBe(true);
    expect(await Promise.all(answers as Promise<string>[])).toEqual(['<A>', '<B>', '<A>']);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('answers without a promise once the key is loaded, a null value included', async () => {
    const loader = make();
    await loader.fetch(['a', 'x1', 'a']);
    expect(batches).toEqual([['a', 'x1']]);
    expect(loader.now('a', (v) => `<${v}>`)).toBe('<A>');
    expect(loader.now('x1', (v) => v ?? 'absent')).toBe('absent');
    const unknown = loader.now('b', (v) => v);
    expect(isPromise(unknown)).toBe(true);
    expect(await unknown).toBe('B');
  });

  it('fetches only the keys it does not know, and nothing when it knows them all', async () => {
    const loader = make();
    await loader.load('a');
    await loader.fetch(['a', 'b', 'c']);
    await loader.fetch(['b', 'c']);
    expect(batches).toEqual([['a'], ['b', 'c']]);
  });

  it('treats a primed value as loaded, and forgets a cleared one', async () => {
    const loader = make();
    loader.prime('p', 'PRIMED');
    expect(loader.now('p', (v) => v)).toBe('PRIMED');
    loader.clear('p');
    expect(await loader.now('p', (v) => v)).toBe('P');
    loader.clearAll();
    const again = loader.now('p', (v) => v);
    expect(isPromise(again)).toBe(true);
    expect(await again).toBe('P');
    expect(batches).toEqual([['p'], ['p']]);
  });

  it('lets an error of the mapping reach the caller, thrown at once or as a rejection', async () => {
    const loader = make();
    const fail = () => {
      throw new Error('introuvable');
    };
    await expect(loader.now('a', fail)).rejects.toThrow('introuvable');
    expect(() => loader.now('a', fail)).toThrow('introuvable');
  });
});
