import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/settings';

describe('setting medterm.region', () => {
  it('defaults to auto', () => {
    expect(DEFAULT_SETTINGS.region).toBe('auto');
    expect(readSettings({}).settings.region).toBe('auto');
  });

  it('takes zh-CN, zh-TW, zh-HK and auto', () => {
    for (const region of ['auto', 'zh-CN', 'zh-TW', 'zh-HK'])
      expect(readSettings({ region }).settings.region).toBe(region);
  });

  it('an unknown value keeps auto and warns, naming the values', () => {
    const { settings, warnings } = readSettings({ region: 'zh-tw' });
    expect(settings.region).toBe('auto');
    expect(warnings).toEqual(['medterm.region: unknown value "zh-tw" (auto, zh-CN, zh-TW, zh-HK)']);
  });
});
