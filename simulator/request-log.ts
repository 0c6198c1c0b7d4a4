/** The last N API requests, for tests and demos (never records headers or bodies). */
import type { RequestLogEntry } from './types';

const MAX = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(e: RequestLogEntry): RequestLogEntry {
    this.entries.push(e);
    // Trim in batches so that the array is not shifted on every request once full.
    if (this.entries.length > MAX + 1000) this.entries = this.entries.slice(-MAX);
    return e;
  }

  list(): RequestLogEntry[] {
    return this.entries.slice(-MAX);
  }

  clear(): void {
    this.entries = [];
  }
}
