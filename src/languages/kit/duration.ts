/** Durations as rules write them (`30s`, `5m`, `1h`, `7d`), in milliseconds. */

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration in milliseconds; undefined when the text is not one. */
export function durationMs(text: string | undefined): number | undefined {
  const m = /^\s*(\d+)\s*([smhdSMHD])\s*$/.exec(text ?? '');
  if (!m) return undefined;
  return Number(m[1]) * UNIT_MS[m[2].toLowerCase()];
}
