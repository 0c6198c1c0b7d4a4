/*
 * A group commit: a write asked for while another is in flight waits, and everything that waited goes into the
 * next write together. One write alone goes at once (no timer, no added wait); sixteen at once cost a few
 * statements instead of sixteen (docs/performance.md). Each caller's promise settles when the write holding its
 * item has. A write that fails with several items is tried again one item at a time, so an item the store refuses
 * fails alone and the others are kept.
 */

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
      else void drain((line = [{ item, resolve, reject }]));
    });
}
