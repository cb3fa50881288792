import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { stemInWord, stemsOfName, type StemEntry } from '../../server/src/engine/nearMiss/stems';
// @ts-expect-error: a plain ES module without types
import { STEMS_MODULE_PATH, generateStemsSource } from '../../scripts/generate-stems.mjs';
import { ROOT, builtinDictionary } from '../helpers/dictionary';

interface Name {
  en: string;
  zh: string;
}
interface StemRow {
  stem: string;
  match: { suffix?: string; prefix?: string; infix?: string };
  zh: string[];
  basis: string;
  class?: string;
  examples: Name[];
  exceptions?: (Name & { reason: { zh: string; en: string } })[];
  cite: string[];
}
const raw = load(readFileSync(join(ROOT, 'data', 'stems.yaml'), 'utf8')) as {
  sources: Record<string, string>;
  stems: StemRow[];
};
const schema = JSON.parse(readFileSync(join(ROOT, 'data', 'stems.schema.json'), 'utf8')) as object;
const table: StemEntry[] = raw.stems.map((row) => ({
  stem: row.stem,
  ...row.match,
  zh: row.zh,
  basis: row.basis as StemEntry['basis'],
  meaning: { zh: '', en: '' },
}));
const exceptions = new Map(
  raw.stems.flatMap((row) =>
    (row.exceptions ?? []).map((exception) => [`${row.stem} ${exception.en}`, exception] as const),
  ),
);

/** Why a Chinese name disagrees with the stems of its English name ([] when it agrees). */
function disagreements(en: string, zh: string): string[] {
  return stemsOfName(en, table)
    .filter((stem) => !stem.zh.some((rendering) => zh.includes(rendering)))
    .filter((stem) => !exceptions.has(`${stem.stem} ${en.toLowerCase()}`))
    .map(
      (stem) =>
        `${en} → ${zh}: stem ${stem.stem} is rendered ${stem.zh.join('/')} (fix the name, or list it under the stem's exceptions in data/stems.yaml with a reason)`,
    );
}

describe('the INN stem table (data/stems.yaml)', () => {
  it('follows its schema', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(raw), JSON.stringify(validate.errors)).toBe(true);
  });

  it('cites sources it defines, and names classes that exist in data/terms', () => {
    const dictionary = builtinDictionary();
    for (const row of raw.stems) {
      for (const key of row.cite) expect(raw.sources[key], `${row.stem} cites ${key}`).toBeDefined();
      if (row.class)
        expect(dictionary.concepts.get(row.class)?.category, `${row.stem} → ${row.class}`).toBe('drug-class');
    }
  });

  it('has examples that agree with their own stem', () => {
    const problems = raw.stems.flatMap((row) =>
      row.examples.flatMap((example) => {
        const stem = table.find((entry) => entry.stem === row.stem)!;
        const has = example.en.split(' ').some((word) => stemInWord(stem, word));
        const rendered = row.zh.some((rendering) => example.zh.includes(rendering));
        return has && rendered
          ? disagreements(example.en, example.zh)
          : [`${example.en} → ${example.zh} is not an example of ${row.stem}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('has exceptions that really break the rendering (an exception that agrees is stale)', () => {
    for (const row of raw.stems) {
      for (const exception of row.exceptions ?? [])
        expect(
          row.zh.some((rendering) => exception.zh.includes(rendering)),
          `${row.stem}: ${exception.en}`,
        ).toBe(false);
    }
  });

  it('agrees with every drug and product of data/terms (a -mab drug whose Chinese name has no 单抗 is a data error)', () => {
    const dictionary = builtinDictionary();
    const problems: string[] = [];
    let checked = 0;
    for (const concept of dictionary.concepts.valuesIn(new Set(['drug', 'product'] as const))) {
      if (!concept.zh) continue;
      if (stemsOfName(concept.en, table).length > 0) checked++;
      problems.push(...disagreements(concept.en, concept.zh).map((problem) => `${concept.id}: ${problem}`));
    }
    expect(problems).toEqual([]);
    // The check is not vacuous: most drugs of data/terms have a stem of the table.
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('catches a drug that breaks its stem', () => {
    expect(disagreements('carfilzomib', '卡非佐米')).toEqual([]);
    expect(disagreements('isatuximab', '艾沙妥昔单抗')).toEqual([]);
    expect(disagreements('daratumumab', '达雷妥尤抗体')).toHaveLength(1);
    expect(disagreements('isatuximab', '艾沙妥珠单抗')).toHaveLength(1);
    expect(disagreements('daunorubicin', '柔红霉素')).toEqual([]);
  });

  // Not under mutation testing (npm run mutate): its sandbox is not a checkout the generators can read.
  it.skipIf(process.env['MEDTERM_MUTATE'] === '1')(
    'is generated into the engine from the current data (run `npm run generate`)',
    () => {
      expect(readFileSync(STEMS_MODULE_PATH as string, 'utf8')).toBe((generateStemsSource as () => string)());
    },
  );
});
