/**
 * The data components that detect each technique, in both shapes ATT&CK has used: a data component
 * `detects` a technique (v10–v17), or a detection strategy `detects` it through analytics whose log
 * sources name data components (v18 and later).
 */

/** The fields of the STIX objects this reading needs. */
export interface DetectionObject {
  type: string;
  id: string;
  name?: string;
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  relationship_type?: string;
  source_ref?: string;
  target_ref?: string;
  x_mitre_analytic_refs?: string[];
  x_mitre_log_source_references?: Array<{ x_mitre_data_component_ref?: string }>;
}

export const ANALYTIC = 'x-mitre-analytic';

/** Data component names (sorted) by the STIX id of the technique they detect. */
export function dataComponentsByTechnique(objects: DetectionObject[]): Map<string, string[]> {
  const components = new Map<string, string>();
  const analytics = new Map<string, string[]>();
  const strategies = new Map<string, string[]>();
  for (const o of objects) {
    if (o.revoked || o.x_mitre_deprecated) continue;
    if (o.type === 'x-mitre-data-component' && o.name) components.set(o.id, o.name);
    else if (o.type === ANALYTIC)
      analytics.set(
        o.id,
        (o.x_mitre_log_source_references ?? []).flatMap((r) =>
          r.x_mitre_data_component_ref ? [r.x_mitre_data_component_ref] : [],
        ),
      );
    else if (o.type === 'x-mitre-detection-strategy') strategies.set(o.id, o.x_mitre_analytic_refs ?? []);
  }
  const found = new Map<string, Set<string>>();
  for (const o of objects) {
    if (o.type !== 'relationship' || o.relationship_type !== 'detects' || !o.source_ref || !o.target_ref)
      continue;
    const componentRefs = strategies.has(o.source_ref)
      ? (strategies.get(o.source_ref) ?? []).flatMap((a) => analytics.get(a) ?? [])
      : [o.source_ref];
    let names = found.get(o.target_ref);
    for (const ref of componentRefs) {
      const name = components.get(ref);
      if (!name) continue;
      if (!names) found.set(o.target_ref, (names = new Set()));
      names.add(name);
    }
  }
  return new Map([...found].map(([technique, names]) => [technique, [...names].sort()]));
}
