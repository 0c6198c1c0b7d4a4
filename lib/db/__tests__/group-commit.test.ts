import { describe, expect, it, vi } from 'vitest';
import { groupCommit } from '../group-commit';

/* What a caller of a group commit can tell: when its write went, with whom, and what it was answered. */
describe('groupCommit', () => {
  it('writes the items asked for in the same turn together, and those asked meanwhile next, at most `max` at a time, in order', async () => {
    const writes: number[][] = [];
    const write = groupCommit(async (items: number[]) => {
      writes.push(items);
      await new Promise((r) => setTimeout(r, 1));
      return items.map((n) => n * 10);
    }, 4);
    const first = Array.from({ length: 6 }, (_, n) => write(n));
    // One turn later (the group's own turn came first) the first group is being written, and waits 1 ms: what is
    // asked for now goes into the next group.
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([[0, 1, 2, 3]]);
    const later = [6, 7, 8, 9].map((n) => write(n));
    const answers = await Promise.all([...first, ...later]);
    expect(answers).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(writes).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    // Idle again: the next one goes alone.
    expect(await write(11)).toBe(110);
    expect(writes.at(-1)).toEqual([11]);
  });

  it('lets the I/O already waiting ask for its writes before the first goes: they share it', async () => {
    const writes: string[][] = [];
    const write = groupCommit(async (items: string[]) => {
      writes.push(items);
      return items;
    });
    // Callbacks queued before the first write is asked for, as answers that arrived together are.
    const arrived = ['b', 'c'].map((s) => new Promise<string>((resolve) => setImmediate(() => resolve(write(s)))));
    const answers = await Promise.all([write('a'), ...arrived]);
    expect(answers).toEqual(['a', 'b', 'c']);
    expect(writes).toEqual([['a', 'b', 'c']]);
  });

  it('is not held back by a test’s fake timers: its wait is a turn of the event loop, not a clock', async () => {
    vi.useFakeTimers();
    try {
      const write = groupCommit(async (items: string[]) => items);
      await expect(write('alone')).resolves.toBe('alone');
    } finally {
      vi.useRealTimers();
    }
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
    expect(writes).toEqual([['a', 'b', 'bad', 'c'], ['a'], ['b'], ['bad'], ['c']]);
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
