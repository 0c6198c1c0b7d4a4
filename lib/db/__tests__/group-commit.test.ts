import { describe, expect, it } from 'vitest';
import { groupCommit } from '../group-commit';

/* What a caller of a group commit can tell: when its write went, with whom, and what it was answered. */
describe('groupCommit', () => {
  it('writes one item at once, and the items asked for meanwhile together, at most `max` at a time, in order', async () => {
    const writes: number[][] = [];
    const write = groupCommit(async (items: number[]) => {
      writes.push(items);
      await new Promise((r) => setTimeout(r, 1));
      return items.map((n) => n * 10);
    }, 4);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => write(n)));
    expect(answers).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(writes).toEqual([[0], [1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    // Idle again: the next one goes alone, at once.
    expect(await write(11)).toBe(110);
    expect(writes.at(-1)).toEqual([11]);
  });

  it('tries a failed group again one item at a time: only the item the store refuses fails', async () => {
    const writes: string[][] = [];
    const write = groupCommit(async (items: string[]) => {
      writes.push(items);
      await Promise.resolve();
      if (items.includes('bad')) throw new Error('refused');
      return items.map((s) => s.toUpperCase());
    });
    const settled = await Promise.allSettled(['a', 'b', 'bad', 'c'].map((s) => write(s)));
    expect(settled).toEqual([
      { status: 'fulfilled', value: 'A' },
      { status: 'fulfilled', value: 'B' },
      { status: 'rejected', reason: new Error('refused') },
      { status: 'fulfilled', value: 'C' },
    ]);
    expect(writes).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('fails a lone item with the store’s own error, and goes on with the next', async () => {
    const write = groupCommit(async (items: string[]) => {
      if (items[0] === 'bad') throw new Error('refused');
      return items;
    });
    await expect(write('bad')).rejects.toThrow('refused');
    await expect(write('good')).resolves.toBe('good');
  });
});
