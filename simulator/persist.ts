/** Atomic, coalesced writes of state.json: at most one write in flight and at most one pending. */
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StateFile } from './types';

export class StateWriter {
  private readonly file: string;
  private writing: Promise<void> | null = null;
  private dirty = false;

  constructor(
    dataDir: string,
    private readonly snapshot: () => StateFile,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'state.json');
  }

  load(): StateFile | null {
    if (!existsSync(this.file)) return null;
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as StateFile;
    if (parsed.version !== 1 || typeof parsed.tenants !== 'object') throw new Error(`${this.file}: unknown state format`);
    return parsed;
  }

  /** Marks the state changed; the write happens soon, coalescing changes made meanwhile. */
  schedule(): void {
    this.dirty = true;
    if (!this.writing) this.writing = this.drain();
  }

  /** Resolves once everything changed so far is on disk. */
  async flush(): Promise<void> {
    if (this.dirty && !this.writing) this.writing = this.drain();
    // One attempt only: a failing disk must not make close() spin forever.
    if (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      // Yield once so that a burst of mutations in the same tick produces a single write.
      await new Promise((r) => setImmediate(r));
      while (this.dirty) {
        this.dirty = false;
        const tmp = `${this.file}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(this.snapshot()));
        await rename(tmp, this.file);
      }
    } catch (err) {
      // Keep serving from memory; the next mutation (or flush) tries again.
      this.dirty = true;
      process.stderr.write(`[simulator] could not write ${this.file}: ${(err as Error).message}\n`);
    } finally {
      this.writing = null;
    }
  }
}
