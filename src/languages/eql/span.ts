/** EQL time spans (`maxspan=30s`) in milliseconds. */
import { lookupTable } from '../../text/lookup.js';

const UNIT_MS: Readonly<Record<string, number>> = lookupTable({
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
});

/** `30s` → 30000; a bare number is seconds, as the original engine read it; undefined when unreadable. */
export function spanMs(written: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(written.trim());
  if (!m) return undefined;
  const unit = m[2].toLowerCase() || 's';
  const factor = UNIT_MS[unit];
  return factor === undefined ? undefined : Number(m[1]) * factor;
}
