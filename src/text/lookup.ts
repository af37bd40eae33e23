/** Lookup tables keyed by text from rules: no prototype, so `__proto__` or `constructor` in a rule finds nothing. */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
