import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/engine';
import { ROOT } from '../helpers/dictionary';

/** package.json, its nls files and the rule registry say the same thing (design review §3.3). */
describe('extension manifest', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const nlsZh = JSON.parse(readFileSync(join(ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  const properties = manifest.contributes.configuration.properties as Record<
    string,
    { default?: unknown; properties?: Record<string, { default: string; description: string }> }
  >;

  it("declares one medterm.rules setting per registered rule, with the rule's default severity", () => {
    const declared = properties['medterm.rules']!.properties!;
    expect(Object.keys(declared).sort()).toEqual(RULES.map((rule) => rule.id).sort());
    for (const rule of RULES) expect(declared[rule.id]!.default, rule.id).toBe(rule.defaultSeverity);
  });

  it('has every %key% of the manifest in both nls files, and no key that the manifest does not use', () => {
    const text = readFileSync(join(ROOT, 'package.json'), 'utf8');
    const used = new Set([...text.matchAll(/"%([^"%]+)%"/g)].map((match) => match[1]!));
    expect(used.size).toBeGreaterThan(10);
    expect(Object.keys(nls).sort()).toEqual([...used].sort());
    expect(Object.keys(nlsZh).sort()).toEqual([...used].sort());
    for (const key of used) expect(nlsZh[key]!.length, key).toBeGreaterThan(0);
  });
});
