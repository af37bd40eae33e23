// One compile, many hunts: after `reset` a hunt knows nothing of the events pushed before it.
import { describe, expect, it } from 'vitest';
import { processRule, sigmaRules, testEvent } from '../../test/engine.js';
import { Hunt } from './hunt.js';

const FAILED_LOGONS = `title: failed logons
id: 00000000-0000-4000-8000-0000000000a1
logsource:
  product: windows
  service: security
detection:
  sel:
    EventID: 4625
  timeframe: 1m
  condition: sel | count() by Computer > 1
`;

function failedLogon(host: string, seconds: number) {
  return testEvent(
    { EventID: 4625, Computer: host },
    { provider: 'security', eventId: '4625', time: seconds * 1000 },
  );
}

describe('Hunt.reset', () => {
  it('starts the next hunt with no hits, counts or explanations of the previous one', () => {
    const hunt = new Hunt([processRule('sel:\n  Image|endswith: \\a.exe\ncondition: sel')], {
      explain: true,
    });
    hunt.push(testEvent({ Image: 'C:\\a.exe' }));
    expect(hunt.finish().hits).toHaveLength(1);
    hunt.reset();
    hunt.push(testEvent({ Image: 'C:\\b.exe' }));
    const second = hunt.finish();
    expect(second.hits).toEqual([]);
    expect(second.events).toBe(1);
    hunt.reset();
    hunt.push(testEvent({ Image: 'C:\\a.exe' }));
    const [hit] = hunt.finish().hits;
    expect(hit.count).toBe(1);
    expect(hit.explanations).toHaveLength(1);
  });

  it('does not count events of an earlier hunt towards an aggregate', () => {
    const hunt = new Hunt(sigmaRules(FAILED_LOGONS));
    hunt.push(failedLogon('h1', 0));
    hunt.push(failedLogon('h1', 5));
    expect(hunt.finish().hits).toHaveLength(1);
    hunt.reset();
    hunt.push(failedLogon('h1', 10));
    expect(hunt.finish().hits).toEqual([]);
  });
});
