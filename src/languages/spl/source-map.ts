/** Maps offsets of the macro-expanded query back to the original query text, where spans must point. */

/** A run of expanded text: copied from the original (`literal`) or produced by one top-level macro call. */
export interface Segment {
  expStart: number;
  expEnd: number;
  origStart: number;
  origEnd: number;
  literal: boolean;
  /** For a macro call that could not be resolved: its key (`name` or `name(N)`). */
  unresolved?: string;
}

export class SourceMap {
  private readonly segments: Segment[] = [];

  add(segment: Segment): void {
    const last = this.segments[this.segments.length - 1];
    // Adjacent literal runs merge, so the list stays as short as the number of macro calls.
    if (
      last &&
      last.literal &&
      segment.literal &&
      last.expEnd === segment.expStart &&
      last.origEnd === segment.origStart
    ) {
      last.expEnd = segment.expEnd;
      last.origEnd = segment.origEnd;
    } else this.segments.push({ ...segment });
  }

  /** Original offset of an expanded offset; inside a macro's text, the call's start (or end, for span ends). */
  toOriginal(offset: number, side: 'start' | 'end'): number {
    const segment = this.segmentAt(offset, side);
    if (!segment)
      return side === 'start'
        ? (this.segments[this.segments.length - 1]?.origEnd ?? offset)
        : (this.segments[0]?.origStart ?? offset);
    if (segment.literal) return segment.origStart + (offset - segment.expStart);
    return side === 'start' ? segment.origStart : segment.origEnd;
  }

  /**
   * Original offset of a stage boundary: a start takes in the macro calls that end at it (even those that
   * added nothing), an end those that begin at it, so a stage's text shows every call it holds.
   */
  outer(offset: number, side: 'start' | 'end'): number {
    const list = this.segments;
    const touching = list.filter((s) => s.expStart <= offset && offset <= s.expEnd);
    const segment = side === 'start' ? touching[0] : touching[touching.length - 1];
    if (!segment) return offset;
    if (segment.literal) return segment.origStart + (offset - segment.expStart);
    if (segment.expStart === segment.expEnd) return side === 'start' ? segment.origStart : segment.origEnd;
    return side === 'start'
      ? offset === segment.expEnd
        ? segment.origEnd
        : segment.origStart
      : offset === segment.expStart
        ? segment.origStart
        : segment.origEnd;
  }

  /** Unresolved macro calls whose call text starts in the original range [from, to). */
  unresolvedIn(from: number, to: number): Segment[] {
    return this.segments.filter((s) => s.unresolved !== undefined && s.origStart >= from && s.origStart < to);
  }

  /** True when the expanded range [from, to) has text that came from a macro call. */
  touchesMacro(from: number, to: number): boolean {
    return this.segments.some((s) => !s.literal && s.expStart <= to && s.expEnd >= from);
  }

  /**
   * The non-empty segment holding an offset: for a start, the one with expStart <= offset < expEnd; for
   * an end, the one with expStart < offset <= expEnd. Empty segments (macros that added nothing) hold none.
   */
  private segmentAt(offset: number, side: 'start' | 'end'): Segment | undefined {
    const list = this.segments;
    const bias = side === 'start' ? 0 : 1;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid];
      if (s.expStart === s.expEnd) {
        // Step over empty segments towards the side that can still hold the offset.
        if (offset - bias < s.expStart) hi = mid - 1;
        else lo = mid + 1;
      } else if (offset - bias < s.expStart) hi = mid - 1;
      else if (offset - bias >= s.expEnd) lo = mid + 1;
      else return s;
    }
    return undefined;
  }
}
