/** Builds the stage that stands for the query slice [start, end): its exact text and file span, no predicates yet. */
import type { Stage } from '../model/stage.js';
import type { Locator } from '../text/locator.js';

export interface StageSlice {
  index: number;
  kind: string;
  /** The query text the offsets refer to. */
  text: string;
  locator: Locator;
  start: number;
  end: number;
  name?: string;
  parent?: number;
}

export function sourceStage(s: StageSlice): Stage {
  const stage: Stage = {
    type: 'stage',
    index: s.index,
    kind: s.kind,
    text: s.text.slice(s.start, s.end),
    span: s.locator.span(s.start, s.end),
    predicates: [],
    terms: [],
  };
  if (s.name !== undefined && s.name !== '') stage.name = s.name;
  if (s.parent !== undefined) stage.parent = s.parent;
  return stage;
}
