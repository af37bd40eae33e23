/** Aho–Corasick over UTF-16 code units: which of many literals occur in a text, in one pass. */

/** Edges a state may hold before they are binary-searched rather than read in order. */
const LINEAR_EDGES = 8;
/** Characters below this leave the root through a dense table: most steps of a scan start there. */
const ROOT_TABLE = 128;
/**
 * Event streams repeat their values (the same images, command lines and paths run again and again), so each
 * set remembers what it found in the texts it scanned last. Bounded by texts and by characters held, and
 * emptied when full: cheaper than keeping an order, and a stream's common values come back at once.
 */
const MEMO_TEXTS = 1024;
const MEMO_CHARS = 1 << 18;
const NOTHING = new Int32Array(0);

/**
 * The automaton once built, in flat typed arrays: each state's edges sorted by character in one run of
 * `edgeChar`/`edgeTo`, its merged outputs in one run of `outIds`. A map per state costs a hash lookup per
 * character scanned, the hunt's hottest step.
 */
interface Frozen {
  root: Int32Array;
  edgeStart: Int32Array;
  edgeChar: Uint16Array;
  edgeTo: Int32Array;
  fail: Int32Array;
  outStart: Int32Array;
  outIds: Int32Array;
}

export class LiteralSet {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Literal ids that end at each state, fail-chain outputs merged in. */
  private readonly out: number[][] = [[]];
  private frozen: Frozen | undefined;
  private readonly memo = new Map<string, Int32Array>();
  private memoChars = 0;
  private readonly scratch: number[] = [];
  private readonly collect = (id: number): void => {
    this.scratch.push(id);
  };

  /** Adds a literal with the caller's id (several ids may share one literal). */
  add(literal: string, id: number): void {
    let state = 0;
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i);
      let to = this.next[state].get(c);
      if (to === undefined) {
        to = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.next[state].set(c, to);
      }
      state = to;
    }
    this.out[state].push(id);
    this.frozen = undefined;
    this.memo.clear();
    this.memoChars = 0;
  }

  private build(): Frozen {
    const queue: number[] = [];
    for (const to of this.next[0].values()) {
      this.fail[to] = 0;
      queue.push(to);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [c, to] of this.next[state]) {
        let f = this.fail[state];
        while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
        const target = this.next[f].get(c);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        if (this.out[this.fail[to]].length) this.out[to] = [...this.out[to], ...this.out[this.fail[to]]];
        queue.push(to);
      }
    }
    return this.freeze();
  }

  private freeze(): Frozen {
    const states = this.next.length;
    const edges = this.next.reduce((n, m) => n + m.size, 0);
    const outs = this.out.reduce((n, o) => n + o.length, 0);
    const f: Frozen = {
      root: new Int32Array(ROOT_TABLE).fill(-1),
      edgeStart: new Int32Array(states + 1),
      edgeChar: new Uint16Array(edges),
      edgeTo: new Int32Array(edges),
      fail: Int32Array.from(this.fail),
      outStart: new Int32Array(states + 1),
      outIds: new Int32Array(outs),
    };
    let e = 0;
    let o = 0;
    for (let s = 0; s < states; s++) {
      f.edgeStart[s] = e;
      for (const [c, to] of [...this.next[s]].sort((a, b) => a[0] - b[0])) {
        f.edgeChar[e] = c;
        f.edgeTo[e++] = to;
        if (s === 0 && c < ROOT_TABLE) f.root[c] = to;
      }
      f.outStart[s] = o;
      for (const id of this.out[s]) f.outIds[o++] = id;
    }
    f.edgeStart[states] = e;
    f.outStart[states] = o;
    return f;
  }

  /** Calls `found` with the id of every literal occurring in `text` (an id may come more than once). */
  scan(text: string, found: (id: number) => void): void {
    let ids = this.memo.get(text);
    if (!ids) {
      this.scratch.length = 0;
      this.scanText(text, this.collect);
      ids = this.scratch.length ? Int32Array.from(this.scratch) : NOTHING;
      if (this.memo.size >= MEMO_TEXTS || this.memoChars + text.length > MEMO_CHARS) {
        this.memo.clear();
        this.memoChars = 0;
      }
      this.memo.set(text, ids);
      this.memoChars += text.length;
    }
    for (let k = 0; k < ids.length; k++) found(ids[k]);
  }

  private scanText(text: string, found: (id: number) => void): void {
    const f = (this.frozen ??= this.build());
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      for (;;) {
        const to = state === 0 && c < ROOT_TABLE ? f.root[c] : step(f, state, c);
        if (to >= 0) {
          state = to;
          break;
        }
        if (state === 0) break;
        state = f.fail[state];
      }
      const end = f.outStart[state + 1];
      for (let k = f.outStart[state]; k < end; k++) found(f.outIds[k]);
    }
  }
}

/** The state `state` goes to on `c`, or -1 when it has no such edge. */
function step(f: Frozen, state: number, c: number): number {
  let lo = f.edgeStart[state];
  let hi = f.edgeStart[state + 1];
  if (hi - lo <= LINEAR_EDGES) {
    for (; lo < hi; lo++) if (f.edgeChar[lo] === c) return f.edgeTo[lo];
    return -1;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = f.edgeChar[mid];
    if (m === c) return f.edgeTo[mid];
    if (m < c) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}
