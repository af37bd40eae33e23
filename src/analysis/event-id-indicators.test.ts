// Event id indicators carry their log: the same number in two logs is two indicators.
import { describe, expect, it } from 'vitest';
import { explainFile } from './explain.js';

function eventIdValues(logsource: string, eventId: string): string[] {
  const text = `title: t\nid: 00000000-0000-4000-8000-000000000009\nlogsource:\n${logsource}detection:\n  sel:\n    EventID: ${eventId}\n  condition: sel\n`;
  const [rule] = explainFile({ path: 't.yml', text, bytes: text.length, sourceName: 'local' }).rules;
  return rule.indicators.filter((i) => i.canonical === 'event.id').map((i) => i.value);
}

describe('event id indicators', () => {
  it('qualify the id with the log the rule reads', () => {
    expect(eventIdValues('  product: windows\n  service: system\n', '7045')).toEqual(['system:7045']);
    expect(eventIdValues('  product: windows\n  service: sysmon\n', '1')).toEqual(['sysmon:1']);
    expect(eventIdValues('  product: windows\n  service: security\n', '4624')).toEqual(['security:4624']);
  });

  it('find the log from the id when the rule names only the product', () => {
    expect(eventIdValues('  product: windows\n', '4624')).toEqual(['security:4624']);
  });
});
