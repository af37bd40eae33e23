// ATT&CK a Markdown hunting document declares: tactic tables, technique tables with sub-techniques, no ids from URLs or prose.
import { describe, expect, it } from 'vitest';
import { declaredAttackIds } from './attack-tables.js';

const lines = (text: string) => text.split('\n').map((t, i) => ({ text: t, start: i }));

describe('declaredAttackIds', () => {
  it('takes the tactics a "Covered?" table marks', () => {
    const doc = [
      '| Tactic | Covered? |',
      '| --- | :---: |',
      '| Initial Access | |',
      '| Persistence | v |',
      '| Privilege Escalation | ✓ |',
      '| Defense Evasion | x |',
      '| Discovery | |',
    ].join('\n');
    expect(declaredAttackIds(lines(doc))).toEqual({
      techniques: [],
      tactics: ['persistence', 'privilege-escalation', 'defense-evasion'],
    });
  });

  it('joins a technique and its sub-technique column into one id', () => {
    const doc = [
      '| Tactic | Technique | Subtechnique | Title |',
      '|---|---|---|---|',
      '| TA0003 - Persistence | T1098 | 001 | Account Manipulation: Additional Cloud Credentials |',
      '| TA0006 - Credential Access | T1528 | | Steal Application Access Token |',
    ].join('\n');
    expect(declaredAttackIds(lines(doc))).toEqual({
      techniques: ['T1098.001', 'T1528'],
      tactics: ['TA0003', 'TA0006'],
    });
  });

  it('never takes ids from reference URLs or prose', () => {
    const doc = [
      '# Suspicious service',
      'This resembles T1059 in places, see https://attack.mitre.org/techniques/T1055/012/.',
      '## References',
      '- https://attack.mitre.org/techniques/T1543/003/',
      '- [Process Injection](https://attack.mitre.org/techniques/T1055/)',
      '- Attackers often use T1021 here too.',
      '| Technique ID | Title | Link |',
      '| --- | --- | --- |',
      '| T1543.003 | Windows Service | https://attack.mitre.org/techniques/T1569/002/ |',
      '- Tactic: TA0003 (Persistence)',
      '- T1569.002 - Service Execution',
    ].join('\n');
    expect(declaredAttackIds(lines(doc))).toEqual({
      techniques: ['T1543.003', 'T1569.002'],
      tactics: ['TA0003'],
    });
  });
});
