import 'server-only';

/** At most `limit` tasks at once; counts calls and the most ever in flight (the bench reports both). */
export class Limiter {
  private active = 0;
  private waiting: (() => void)[] = [];
  calls = 0;
  peak = 0;
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active += 1;
    this.calls += 1;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}
