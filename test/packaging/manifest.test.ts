import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, RULE_IDS } from '../../server/src/engine';
import { messageTemplates, SHARED_MESSAGES } from '../../server/src/engine/messages';
import { templateParameters } from '../../server/src/engine/messageFormat';
import { ROOT } from '../helpers/dictionary';

const HAN = /\p{Script=Han}/u;

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

  it("describes each rule's setting by the nls key config.rules.<id>, present in both nls files and only for rules", () => {
    const declared = properties['medterm.rules']!.properties!;
    for (const id of RULE_IDS) expect(declared[id]!.description, id).toBe(`%config.rules.${id}%`);
    for (const table of [nls, nlsZh]) {
      const ruleKeys = Object.keys(table).filter((key) => key.startsWith('config.rules.'));
      expect(ruleKeys.map((key) => key.slice('config.rules.'.length)).sort()).toEqual([...RULE_IDS].sort());
    }
    // The Chinese file is Chinese; the default file is English first (it may add the Chinese after a slash).
    for (const id of RULE_IDS) {
      expect(nlsZh[`config.rules.${id}`], id).toMatch(HAN);
      expect(nls[`config.rules.${id}`], id).toMatch(/^[A-Z]/);
    }
  });
});

/** Each rule's messages beside the rule, the shared tables, and the one table formatMessage renders agree. */
describe('message tables', () => {
  const templates = messageTemplates();

  it("holds every rule's messages under the rule's id, and the shared messages under no rule's id", () => {
    const fromRules = RULES.flatMap((rule) => Object.keys(rule.messages));
    for (const rule of RULES) {
      expect(Object.keys(rule.messages).length, rule.id).toBeGreaterThan(0);
      for (const id of Object.keys(rule.messages)) expect(id.startsWith(`${rule.id}.`), id).toBe(true);
      expect(Object.keys(rule.messages), rule.id).toContain(`${rule.id}.message`);
    }
    for (const id of Object.keys(SHARED_MESSAGES))
      expect(
        RULE_IDS.some((rule) => id.startsWith(`${rule}.`)),
        id,
      ).toBe(false);
    // One table, no id defined twice (a spread would silently keep the last one).
    expect(templates.size).toBe(fromRules.length + Object.keys(SHARED_MESSAGES).length);
    expect([...templates.keys()].sort()).toEqual([...fromRules, ...Object.keys(SHARED_MESSAGES)].sort());
  });

  it('has every message in Chinese and English, with the same {parameters} in both', () => {
    for (const [id, template] of templates) {
      expect(template.zh.trim().length, id).toBeGreaterThan(0);
      expect(template.en.trim().length, id).toBeGreaterThan(0);
      expect(templateParameters(template.zh).sort(), id).toEqual(templateParameters(template.en).sort());
    }
  });

  it('has Chinese in every zh template that is prose (not only parameters and punctuation)', () => {
    for (const [id, template] of templates) {
      const prose = template.zh.replace(/\{\w+\}|MedTerm/g, '').replace(/[\s\p{P}\p{S}]/gu, '');
      if (prose.length > 0) expect(template.zh, id).toMatch(HAN);
    }
  });

  it('uses every message of a rule in the source (no message left behind by a change of the rule)', () => {
    const sources = readdirSync(join(ROOT, 'server', 'src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join(ROOT, 'server', 'src', file), 'utf8'))
      .join('\n');
    for (const rule of RULES)
      for (const id of Object.keys(rule.messages)) {
        // near-miss-name.why.<edit> is looked up by a template literal over the kinds of edit.
        // Its key in the table (followed by a colon) does not count as a use.
        const quoted = new RegExp(`'${id.replace(/[.-]/g, '\\$&')}'(?!:)`);
        const used = quoted.test(sources) || sources.includes(`\`${id.replace(/\.[^.]+$/, '.')}\${`);
        expect(used, id).toBe(true);
      }
  });
});
