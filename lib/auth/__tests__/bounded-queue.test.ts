import { describe, expect, it } from 'vitest';
import { boundedQueue, QueueFull } from '../bounded-queue';

/** A task that ends when the test says so. */
function task<T = string>() {
  let finish!: (v: T) => void;
  let fail!: (e: Error) => void;
  let started = false;
  const promise = new Promise<T>((resolve, reject) => ((finish = resolve), (fail = reject)));
  return { run: () => ((started = true), promise), finish, fail, started: () => started };
}

/** Lets every settled promise's continuations run (no timers). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('bounded queue', () => {
  it('runs at most `concurrency` tasks at once; the next starts when one ends', async () => {
    const q = boundedQueue({ concurrency: 2, maxWaiting: 5 });
    const tasks = [task(), task(), task()];
    const results = tasks.map((t) => q.run(t.run));
    await settle();
    expect(tasks.map((t) => t.started())).toEqual([true, true, false]);
    expect([q.running, q.waiting]).toEqual([2, 1]);
    tasks[1]!.finish('b');
    await settle();
    expect(tasks[2]!.started()).toBe(true);
    tasks[0]!.finish('a');
    tasks[2]!.finish('c');
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect([q.running, q.waiting]).toEqual([0, 0]);
  });

  it('refuses at once, without running it, a task that finds every slot busy and the line full', async () => {
    const q = boundedQueue({ concurrency: 1, maxWaiting: 2 });
    const held = [task(), task(), task()];
    const results = held.map((t) => q.run(t.run));
    const extra = task();
    await expect(q.run(extra.run)).rejects.toBeInstanceOf(QueueFull);
    expect(extra.started()).toBe(false);
    expect([q.running, q.waiting]).toEqual([1, 2]);
    // Once one has left, the line has room again: the next task waits instead of being refused.
    held[0]!.finish('x');
    await settle();
    const later = task();
    const laterResult = q.run(later.run);
    expect([q.running, q.waiting]).toEqual([1, 2]);
    held[1]!.finish('x');
    held[2]!.finish('x');
    later.finish('later');
    expect(await laterResult).toBe('later');
    await Promise.all(results);
  });

  it('gives the slot back when a task fails or throws, so the next one runs', async () => {
    const q = boundedQueue({ concurrency: 1, maxWaiting: 1 });
    const failing = task();
    const first = q.run(failing.run);
    const second = task();
    const secondResult = q.run(second.run);
    failing.fail(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await settle();
    expect(second.started()).toBe(true);
    second.finish('ok');
    expect(await secondResult).toBe('ok');
    await expect(
      q.run(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect([q.running, q.waiting]).toEqual([0, 0]);
    expect(await q.run(async () => 'still serving')).toBe('still serving');
  });

  it('advises a wait from the recent task times: everyone ahead, served `concurrency` at a time', async () => {
    let clock = 0;
    const q = boundedQueue({ concurrency: 2, maxWaiting: 2, now: () => clock });
    // One task of 1.5 s measured on the injected clock.
    const timed = task();
    const r = q.run(timed.run);
    await settle();
    clock += 1500;
    timed.finish('done');
    await r;
    const held = [task(), task(), task(), task()];
    const results = held.map((t) => q.run(t.run));
    try {
      await q.run(async () => 'never');
      expect.unreachable();
    } catch (e) {
      // 4 ahead, 2 at a time, 1.5 s each: 3 s.
      expect((e as QueueFull).retryAfterS).toBe(3);
    }
    for (const t of held) t.finish('x');
    await Promise.all(results);
  });

  it('advises at least 1 second before any task has been timed', async () => {
    const q = boundedQueue({ concurrency: 1, maxWaiting: 0 });
    const held = task();
    const r = q.run(held.run);
    await expect(q.run(async () => 'x')).rejects.toMatchObject({ retryAfterS: 1 });
    held.finish('x');
    await r;
  });

  it('keeps a moving average of task times on the clock, weighting the latest a fifth', async () => {
    let clock = 10_000;
    const q = boundedQueue({ concurrency: 1, maxWaiting: 0, now: () => clock });
    const timeOne = async (ms: number) => {
      const t = task();
      const r = q.run(t.run);
      await settle();
      clock += ms;
      t.finish('done');
      await r;
    };
    await timeOne(10_000);
    await timeOne(20_000);
    // 10 s, then 20 s: 0.8 × 10 + 0.2 × 20 = 12 s per task, one ahead.
    const held = task();
    const r = q.run(held.run);
    await expect(q.run(async () => 'x')).rejects.toMatchObject({ retryAfterS: 12 });
    held.finish('x');
    await r;
  });
});
