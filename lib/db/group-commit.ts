/*
 * A group commit: the writes asked for in the same turn of the event loop go into one write, and a write asked for
 * while another is in flight waits and goes into the next one with everything else that waited. Sixteen at once cost
 * a statement or two instead of sixteen (docs/performance.md). The first write of a group waits for the next turn
 * only (setImmediate: no clock, no added time when nothing else is waiting). That turn is what forms groups on the
 * embedded store: PGlite runs a statement synchronously, so without it no other request could ask for a write while
 * one is in flight and every group was of one. Each caller's promise settles when the write holding its item has. A
 * write that fails with several items is tried again one item at a time, so an item the store refuses fails alone
 * and the others are kept.
 */

/**
 * The event loop's next turn, taken when this module loads: it lets the I/O already waiting run (and ask for its own
 * writes) before a write starts. Not a clock: a test that fakes timers later must not hold the store's writes back.
 */
const nextTurn: (fn: () => void) => unknown = globalThis.setImmediate;

interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (e: unknown) => void;
}

/** At most this many items in one write. */
export const MAX_GROUP = 64;

/** `write` gets the items in the order they were asked for and answers one result per item, in that order. */
export function groupCommit<I, O>(write: (items: I[]) => Promise<O[]>, max = MAX_GROUP): (item: I) => Promise<O> {
  let line: Waiting<I, O>[] | null = null;

  async function drain(mine: Waiting<I, O>[]) {
    while (mine.length) {
      const group = mine.splice(0, max);
      try {
        const out = await write(group.map((w) => w.item));
        group.forEach((w, i) => w.resolve(out[i] as O));
      } catch (e) {
        if (group.length === 1) group[0]!.reject(e);
        else for (const w of group) await write([w.item]).then(([out]) => w.resolve(out as O), w.reject);
      }
    }
    line = null;
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      if (line) line.push({ item, resolve, reject });
      else {
        const mine = (line = [{ item, resolve, reject }]);
        nextTurn(() => void drain(mine));
      }
    });
}
