/** Builds a source's context (macros, data sources) from its artifacts. */
import type { SourceArtifact, SourceContext } from '../model/artifact.js';

/** Later definitions of a name win, as Splunk's do. */
export function contextFrom(artifacts: Iterable<SourceArtifact>): SourceContext {
  const context: SourceContext = { macros: new Map(), dataSources: new Map() };
  for (const a of artifacts) {
    if (a.type === 'macro') context.macros.set(macroKey(a.name, a.args.length), a);
    else context.dataSources.set(a.name, a);
  }
  return context;
}

/** Splunk keys a macro by name and arity: `name` with no arguments, `name(N)` with N. */
export function macroKey(name: string, arity: number): string {
  if (name.includes('(')) return name;
  return arity > 0 ? `${name}(${arity})` : name;
}
