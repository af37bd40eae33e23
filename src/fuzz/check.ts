/** The fuzzing property: a target returns, within its time limit, with diagnostics that point inside the input. */
import type { FuzzTarget } from './targets.js';
import { isParserBug } from '../languages/guard.js';

export const TIME_LIMIT_MS = 1000;

export interface Failure {
  target: string;
  input: string;
  reason: string;
}

export function checkInput(target: FuzzTarget, input: string): Failure | undefined {
  const started = performance.now();
  let diagnostics;
  try {
    diagnostics = target.run(input);
  } catch (err) {
    return { target: target.name, input, reason: `threw: ${(err as Error).stack ?? String(err)}` };
  }
  const ms = performance.now() - started;
  if (ms > TIME_LIMIT_MS) return { target: target.name, input, reason: `took ${Math.round(ms)} ms` };
  const bug = diagnostics.find(isParserBug);
  if (bug) return { target: target.name, input, reason: bug.message };
  const lines = input.split('\n').length;
  const bad = diagnostics.find((d) => !(d.line >= 1 && d.line <= lines + 1 && d.column >= 1));
  if (bad)
    return {
      target: target.name,
      input,
      reason: `diagnostic outside the input at ${bad.line}:${bad.column}: ${bad.message}`,
    };
  return undefined;
}
