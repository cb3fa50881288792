import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine';
import { KNOWN_DRUG_NAMES } from '../../server/src/engine/nearMiss/stems';
import { ROOT, builtinDictionary } from '../helpers/dictionary';

// data/other-drugs.yaml: Chinese generic names of real drugs data/terms has no entry for, each list with where it was
// read. The near-miss rules take them as known names (through the generated KNOWN_DRUG_NAMES).
const file = load(readFileSync(join(ROOT, 'data', 'other-drugs.yaml'), 'utf8')) as {
  lists: { source: string; seen: { url: string; title?: string }; note?: string; names: string[] }[];
};
const names = file.lists.flatMap((list) => list.names);

describe('data/other-drugs.yaml', () => {
  it('every list names its source and where it was read', () => {
    expect(file.lists.length).toBeGreaterThan(0);
    for (const list of file.lists) {
      expect(list.source.length).toBeGreaterThan(5);
      expect(list.seen.url).toMatch(/^https:\/\//);
      expect(list.names.length).toBeGreaterThan(0);
    }
  });

  it('names are Chinese, listed once, and none is a form data/terms already has', () => {
    for (const name of names) expect(name).toMatch(/^[^\s，。；、]+$/u);
    expect(new Set(names).size).toBe(names.length);
    const surfaces = new Set(
      builtinDictionary()
        .surfaceList()
        .map((surface) => surface.text),
    );
    expect(names.filter((name) => surfaces.has(name))).toEqual([]);
  });

  it('every name is a known drug name of the near-miss rules', () => {
    const known = new Set(KNOWN_DRUG_NAMES);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
  });

  it('no listed drug is judged a slip of another or an unknown drug-like word', () => {
    const dictionary = builtinDictionary();
    const flagged: string[] = [];
    for (const name of names) {
      const text = `患者接受${name}治疗。`;
      for (const finding of analyze(text, dictionary).findings)
        if (finding.ruleId === 'near-miss-name' || finding.ruleId === 'unknown-drug-name')
          flagged.push(`${name}: ${text.slice(finding.span.start, finding.span.end)} (${finding.ruleId})`);
    }
    expect(flagged).toEqual([]);
  });
});
