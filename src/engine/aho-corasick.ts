/** Aho–Corasick over UTF-16 code units: which of many literals occur in a text, in one pass. */

export class LiteralSet {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Literal ids that end at each state, fail-chain outputs merged in. */
  private readonly out: number[][] = [[]];
  private built = false;

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
    this.built = false;
  }

  private build(): void {
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
    this.built = true;
  }

  /** Calls `found` with the id of every literal occurring in `text` (an id may come more than once). */
  scan(text: string, found: (id: number) => void): void {
    if (!this.built) this.build();
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = this.next[state].get(c);
      while (to === undefined && state !== 0) {
        state = this.fail[state];
        to = this.next[state].get(c);
      }
      state = to ?? 0;
      const ids = this.out[state];
      for (let k = 0; k < ids.length; k++) found(ids[k]);
    }
  }
}
