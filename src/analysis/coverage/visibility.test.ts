// Visibility on hand-made rules: event sets as written, whole logs, rules that fire, go blind or are not placed.
import { describe, expect, it } from 'vitest';
import { offlineAttack } from '../../knowledge/attack/index.js';
import { parseEventSet, type EventSet } from '../../knowledge/events/index.js';
import { visibility, type VisibilityRule } from './visibility.js';

function events(text: string): EventSet {
  const parsed = parseEventSet(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.events;
}

const rule = (id: string, language: string, techniques: string[], ...rows: Array<[string, string]>): VisibilityRule => ({
  id,
  title: id,
  language,
  source: 's',
  techniques,
  events: rows.map(([provider, event]) => ({ provider, event, title: '' })),
});

const RULES = [
  rule('proc', 'sigma', ['T1197'], ['Sysmon', 'Event ID 1'], ['Windows Security', 'Event ID 4688']),
  rule('net', 'sigma', ['T1071'], ['Sysmon', 'Event ID 3']),
  rule('log', 'spl', ['T1070.001'], ['Windows Security', 'Security']),
  rule('mde', 'kusto', ['T1197'], ['Microsoft Defender XDR', 'DeviceProcessEvents']),
  rule('none', 'eql', ['T1059']),
];

describe('event sets', () => {
  it('reads providers by id, name or channel, numbers as the catalog keys them, names without case', () => {
    expect([...events('sysmon:1,03;Security:4688;Microsoft-Windows-Sysmon/Operational:11')].sort()).toEqual([
      'security:4688',
      'sysmon:1',
      'sysmon:11',
      'sysmon:3',
    ]);
    expect([...events('defender-xdr:DeviceProcessEvents; security')]).toEqual([
      'defender-xdr:deviceprocessevents',
      'security',
    ]);
    expect(parseEventSet('sysmon:1;nolog:2')).toEqual({ problem: 'Unknown log "nolog" in "sysmon:1;nolog:2"' });
  });
});

describe('visibility', () => {
  const data = offlineAttack();

  it('without Sysmon 1, a process rule still fires on 4688; without Sysmon, the network rule goes blind', () => {
    const v = visibility(RULES, { without: events('sysmon:1') }, data);
    expect(v).toMatchObject({ rules: 5, fire: 4, blind: 0, unplaced: 1 });
    const all = visibility(RULES, { without: events('sysmon') }, data);
    expect(all.blindRules.map((r) => r.id)).toEqual(['net']);
    expect(all.techniquesLost.map((t) => t.id)).toEqual(['T1071']);
  });

  it('with only some events, a whole-log rule fires when any event of its log is collected', () => {
    const v = visibility(RULES, { have: events('security:4688') }, data);
    expect(v.blindRules.map((r) => r.id).sort()).toEqual(['mde', 'net']);
    expect(v.byLanguage.kusto).toMatchObject({ rules: 1, blind: 1, techniquesLost: ['T1197'] });
    // T1197 keeps the Sigma process rule: lost for Kusto, not overall.
    expect(v.techniquesLost.map((t) => t.id)).toEqual(['T1071']);
    expect(v.difference.techniques.T1197.rules).toBe(1);
  });
});
