import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  buildDictionary,
  complete,
  hoverAt,
  layerFromChecked,
  parseDictionary,
  type Dictionary,
  type ParsedLayerFile,
} from '../../server/src/engine';
import {
  PACK_HEADER_BYTES,
  PACK_VERSION,
  PackedLayer,
  pack,
  packJsonOffset,
} from '../../server/src/engine/dictionary/packed';
import { TERMS_DIRECTORY, builtinFiles, review } from '../helpers/dictionary';

/**
 * Packed layers (large files kept in one buffer, dictionary/packed.ts) must give exactly the dictionary
 * the same file gives as objects: same concepts, surfaces, problems, indexes, and the same answers.
 * Here every file is parsed both ways (the size threshold set to 0 or to infinity) and compared.
 */

function reparse(file: ParsedLayerFile, packed: boolean): ParsedLayerFile {
  return {
    ...layerFromChecked(file.checked!, file.source, file.layer, packed ? 0 : Number.POSITIVE_INFINITY),
    patterns: file.patterns,
  };
}

function withChecked(yaml: string, source: string, layer: 'builtin' | 'user' | 'workspace'): ParsedLayerFile {
  const parsed = parseDictionary(yaml, source, layer);
  expect(parsed.checked).toBeDefined();
  return parsed;
}

const builtin = builtinFiles().map((file) =>
  withChecked(readFileSync(join(TERMS_DIRECTORY, file.source.split('/').pop()!), 'utf8'), file.source, 'builtin'),
);

// A user file that overrides built-in concepts, repeats an id, makes collisions of every kind, accepts a
// built-in variant, and adds variants to concepts defined in other (possibly packed) files.
const USER = `
entries:
  - id: lenalidomide
    category: drug
    zh: 来那度胺
    en: lenalidomide
    variants:
      - { text: 来那度安, kind: typo, note: { zh: 错字, en: typo } }
    cite: [{ source: test }]
  - id: test-a
    category: drug
    zh: 测试甲药
    en: testamab
    abbreviations: [TST]
    accepted: [{ text: 万珂, kind: brand-cn }]
    variants:
      - { text: 硼替佐米, kind: typo, note: { zh: 撞名, en: collides } }
      - { text: 测试乙药, kind: typo, note: { zh: 撞名, en: collides } }
      - { text: Tst, kind: letter-case, note: { zh: 大小写, en: case } }
    classes: [proteasome-inhibitor, no-such-class]
    cite: [{ source: test }]
  - id: test-a
    category: drug
    zh: 重复
    en: duplicate
    cite: [{ source: test }]
  - id: test-b
    category: drug
    zh: 测试乙药
    en: testbmab
    abbreviations: [TST, PFS]
    cite: [{ source: test }]
  - id: test-regimen
    category: regimen
    en: TB
    abbreviations: [TB]
    components: [test-a, test-b]
    cite: [{ source: test }]
accept: [利那度胺]
variants:
  - { concept: test-b, text: 测试乙葯 }
  - { concept: bortezomib, text: 硼替左米 }
  - { concept: no-such-id, text: 无 }
`;

const WORKSPACE = `
entries:
  - id: test-b
    category: drug
    zh: 测试乙药
    en: testbmab-workspace
    abbreviations: [TST, PFS]
    cite: [{ source: workspace }]
  - id: test-c
    category: therapy
    zh: 测试丙疗法
    en: test therapy
    cite: [{ source: workspace }]
variants:
  - { concept: test-a, text: 测试甲葯 }
`;

const OPTIONS = { locale: 'zh-cn' } as const;
const user = withChecked(USER, 'user.yaml', 'user');
const workspace = withChecked(WORKSPACE, 'workspace.yaml', 'workspace');

function shape(dictionary: Dictionary): unknown {
  return {
    problems: [...dictionary.problems].map((problem) => JSON.stringify(problem)).sort(),
    concepts: [...dictionary.concepts.values()],
    surfaces: dictionary
      .surfaceList()
      .map((surface) => [
        surface.text,
        surface.key,
        surface.exactKey,
        surface.conceptId,
        surface.role,
        surface.caseSensitive,
        surface.variant,
        surface.accepted,
      ]),
    regimensByComponents: [...dictionary.regimensByComponents],
    regimensOf: [...dictionary.regimensOf],
    membersOf: [...dictionary.membersOf],
    accepted: [...dictionary.accepted],
  };
}

/** Every combination of packed and object files, for the given layers. */
function variantsOf(layers: readonly ParsedLayerFile[]): { label: string; dictionary: Dictionary }[] {
  const out: { label: string; dictionary: Dictionary }[] = [];
  const objects = buildDictionary(layers.map((file) => reparse(file, false)));
  out.push({ label: 'objects', dictionary: objects });
  out.push({ label: 'all packed', dictionary: buildDictionary(layers.map((file) => reparse(file, true))) });
  // Alternate: even files packed, odd files objects, and the reverse.
  out.push({
    label: 'even packed',
    dictionary: buildDictionary(layers.map((file, index) => reparse(file, index % 2 === 0))),
  });
  out.push({
    label: 'odd packed',
    dictionary: buildDictionary(layers.map((file, index) => reparse(file, index % 2 === 1))),
  });
  return out;
}

describe('packed layers', () => {
  const layers = [...builtin, user, workspace];
  const [reference, ...others] = variantsOf(layers);

  it('the test layers exercise what they should', () => {
    const messages = reference!.dictionary.problems.map((problem) => problem.message);
    expect(
      messages.some((message) =>
        /^duplicate id "test-a" in this file \(first at line \d+\); the later entry is ignored$/.test(message),
      ),
    ).toBe(true);
    expect(
      messages.some((message) => message.startsWith('variant "硼替佐米" is an accepted name of "bortezomib"')),
    ).toBe(true);
    expect(messages.some((message) => message.startsWith('"万珂" is also a name of "bortezomib"'))).toBe(true);
    expect(messages.some((message) => message.startsWith('"TST" is also a name of "test-a"'))).toBe(true);
    expect(messages).toContain('unknown concept id "no-such-class"');
    expect(reference!.dictionary.concepts.get('test-b')!.en).toBe('testbmab-workspace');
    expect(reference!.dictionary.concepts.get('test-a')!.variants.map((variant) => variant.text)).toContain('测试甲葯');
    expect(reference!.dictionary.regimensOf.get('test-a')).toEqual(['test-regimen']);
  });

  for (const other of others) {
    it(`${other.label}: the same concepts, surfaces, problems and indexes as objects`, () => {
      expect(shape(other.dictionary)).toEqual(shape(reference!.dictionary));
    });

    it(`${other.label}: the same findings, hovers and completions on the review and on generated text`, () => {
      const texts = [
        review(),
        '测试甲药（TST）与测试乙药、Tst、来那度安、利那度胺、测试甲葯、硼替左米；TB方案。测试丙疗法',
      ];
      for (const text of texts) {
        const a = analyze(text, reference!.dictionary);
        const b = analyze(text, other.dictionary);
        expect(b.matches).toEqual(a.matches);
        expect(b.findings).toEqual(a.findings);
        for (let offset = 0; offset < Math.min(text.length, 3000); offset += 7) {
          expect(hoverAt(b, other.dictionary, offset, 'zh-cn')).toEqual(
            hoverAt(a, reference!.dictionary, offset, 'zh-cn'),
          );
        }
      }
      for (const typed of ['来那', 'lai', 'ce', '测试', 'bor', 'VRd']) {
        expect(complete(typed, typed.length, other.dictionary, OPTIONS)).toEqual(
          complete(typed, typed.length, reference!.dictionary, OPTIONS),
        );
      }
    });
  }

  it('gives the same analysis of any text made of dictionary forms, packed or not', () => {
    const surfaces = [...new Set(reference!.dictionary.surfaceList().map((surface) => surface.text))];
    const packed = others[0]!.dictionary;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...surfaces),
            fc.constantFrom('，', '和', '联合', ' ', '（', '）', '\n\n', 'a', '。'),
          ),
          { maxLength: 40 },
        ),
        (parts) => {
          const text = parts.join('');
          expect(analyze(text, packed).findings).toEqual(analyze(text, reference!.dictionary).findings);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a buffer that is not a pack, or is cut short, is refused with NotAPackError, never misread', () => {
    const bytes = pack({ entries: [], meta: null });
    expect(() => new PackedLayer(bytes.subarray(0, 20), 'x', 'user')).toThrow(/truncated|short/);
    const foreign = bytes.slice();
    foreign[0] = 0;
    expect(() => new PackedLayer(foreign, 'x', 'user')).toThrow(/not a MedTerm pack/);
    expect(new PackedLayer(bytes, 'x', 'user').size).toBe(0);
  });

  it('the header is as packed.ts documents it: "MTPK", version and section table little-endian, sections 4-aligned', () => {
    const bytes = pack({
      entries: [{ id: 'a', category: 'term', zh: '甲', en: 'a', cite: [{ source: 'test' }] }],
      meta: { m: 1 },
    });
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('MTPK');
    const u32 = (at: number): number =>
      bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! * 2 ** 24);
    expect(u32(4)).toBe(PACK_VERSION);
    const count = u32(8);
    expect(PACK_HEADER_BYTES).toBe(12 + count * 8);
    for (let k = 0; k < count; k++) expect(u32(12 + k * 8) % 4).toBe(0);
    // Section 0 is the meta JSON; the last is the entries' JSON, where packJsonOffset says.
    expect(new TextDecoder().decode(bytes.subarray(u32(12), u32(12) + u32(16)))).toBe('{"m":1}');
    const json = u32(12 + (count - 1) * 8);
    expect(packJsonOffset(bytes.subarray(0, PACK_HEADER_BYTES))).toBe(json);
    expect(JSON.parse(new TextDecoder().decode(bytes.subarray(json, json + u32(16 + (count - 1) * 8))))).toMatchObject({
      id: 'a',
    });
  });
});
