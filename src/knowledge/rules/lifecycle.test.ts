// Deprecated rules are told by status in any format, or by the folder repositories keep them in.
import { describe, expect, it } from 'vitest';
import { isDeprecated } from './lifecycle.js';

describe('isDeprecated', () => {
  it('reads the status of every format', () => {
    expect(isDeprecated({ status: 'deprecated', path: 'rules/windows/a.yml' })).toBe(true);
    expect(isDeprecated({ status: 'Deprecated ', path: 'a.toml' })).toBe(true);
    expect(isDeprecated({ status: 'removed', path: 'a.yml' })).toBe(true);
    expect(isDeprecated({ status: 'production', path: 'rules/windows/a.toml' })).toBe(false);
    expect(isDeprecated({ status: null, path: 'a.yml' })).toBe(false);
  });

  it('reads the folder a repository moved the rule into, not the file name', () => {
    expect(isDeprecated({ status: 'production', path: 'rules/_deprecated/a.toml' })).toBe(true);
    expect(isDeprecated({ status: null, path: 'detections/deprecated/a.yml' })).toBe(true);
    expect(isDeprecated({ status: null, path: 'Threat Hunting/Deprecated Feeds/a.md' })).toBe(false);
    expect(isDeprecated({ status: null, path: 'rules/deprecated.yml' })).toBe(false);
  });
});
