/** Findings about a rule's metadata against its format's conventions (`rule-conventions.json`). */
import { readDataFile } from '../../knowledge/data-file.js';
import type { RuleDocument } from '../../model/rule.js';
import type { CheckedFile, Finding } from './finding.js';

type Property = 'id' | 'title' | 'description' | 'severity' | 'authors' | 'date';

interface Convention {
  label: string;
  required: Property[];
  requiredMetadata?: string[];
  status?: string[];
  severity?: string[];
}

const WORD: Record<Property, string> = {
  id: 'an id',
  title: 'a title',
  description: 'a description',
  severity: 'a level or severity',
  authors: 'an author',
  date: 'a date',
};

function conventions(): Record<string, Convention> {
  return readDataFile<{ formats: Record<string, Convention> }>('rule-conventions.json').formats;
}

/** Readers fall back to the file's path for a rule without an id of its own. */
function has(rule: RuleDocument, property: Property): boolean {
  if (property === 'id') return rule.id !== rule.file.path && !rule.id.startsWith(`${rule.file.path}#`);
  if (property === 'authors') return rule.authors.length > 0;
  return Boolean(rule[property]?.trim());
}

function allowed(value: string | undefined, values: string[] | undefined): boolean {
  return !value || !values || values.includes(value.trim().toLowerCase());
}

export function metadataFindings(file: CheckedFile, rule: RuleDocument): Finding[] {
  const c = conventions()[rule.format];
  if (!c) return [];
  const out: Finding[] = [];
  for (const p of c.required)
    if (!has(rule, p))
      out.push(file.finding(`meta/missing-${p}`, `${c.label} rule without ${WORD[p]}`, rule));
  for (const key of c.requiredMetadata ?? [])
    if (rule.metadata[key] === undefined)
      out.push(
        file.finding(
          'meta/missing-field',
          `${c.label} rule without \`${key}\`, which its schema requires`,
          rule,
        ),
      );
  if (!allowed(rule.status, c.status))
    out.push(
      file.finding(
        'meta/unknown-status',
        `Status "${rule.status}" is not one of ${c.status!.join(', ')}`,
        rule,
        file.spanOf(rule, rule.status!),
      ),
    );
  if (!allowed(rule.severity, c.severity))
    out.push(
      file.finding(
        'meta/unknown-severity',
        `Severity "${rule.severity}" is not one of ${c.severity!.join(', ')}`,
        rule,
        file.spanOf(rule, rule.severity!),
      ),
    );
  return out;
}
