import 'server-only';

/** Thrown when every slot is busy and the waiting line is full: answer 429 with `retryAfterS`. */
export class QueueFull extends Error {
  override name = 'QueueFull';
  constructor(readonly retryAfterS: number) {
    super('queue full');
  }
}

export interface BoundedQueue {
  /** Runs `fn` when a slot is free; throws QueueFull at once when the waiting line is full. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

/**
 * At most `concurrency` tasks at once and at most `maxWaiting` waiting for a
 * slot; a slot is given back however the task ends. The wait advised on
 * overflow comes from the recent task times (`now` is injectable for tests).
 */
export function boundedQueue(opts: { concurrency: number; maxWaiting: number; now?: () => number }): BoundedQueue {
  const now = opts.now ?? (() => performance.now());
  const line: (() => void)[] = [];
  let running = 0;
  let averageMs = 0;

  const acquire = () =>
    new Promise<void>((resolve) => {
      if (running < opts.concurrency) {
        running++;
        resolve();
      } else line.push(resolve);
    });

  const release = () => {
    const next = line.shift();
    if (next) next();
    else running--;
  };

  const retryAfterS = () => {
    // Everyone ahead (running and waiting), served `concurrency` at a time.
    const aheadMs = ((running + line.length) / opts.concurrency) * averageMs;
    return Math.max(1, Math.ceil(aheadMs / 1000));
  };

  return {
    async run(fn) {
      if (running >= opts.concurrency && line.length >= opts.maxWaiting) throw new QueueFull(retryAfterS());
      await acquire();
      const started = now();
      try {
        return await fn();
      } finally {
        const ms = now() - started;
        averageMs = averageMs ? averageMs * 0.8 + ms * 0.2 : ms;
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return line.length;
    },
  };
}
