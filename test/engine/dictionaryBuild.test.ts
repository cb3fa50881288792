import { describe, expect, it } from 'vitest';
import { buildDictionary, parsePrh } from '../../server/src/engine';
import { cachedFormOf, isCachedForm, layerFromCached } from '../../server/src/engine/dictionary/cachedForm';
import { addAcceptedText, addVariant } from '../../server/src/engine/dictionary/edit';
import { layerFromChecked, type ParsedLayerFile } from '../../server/src/engine/dictionary/parse';
import type { RawEntry } from '../../server/src/engine/dictionary/rawEntry';
import { conceptSurfaces } from '../../server/src/engine/dictionary/surfaces';
import { ObjectLayer } from '../../server/src/engine/dictionary/layer';
import {
  NotAPackError,
  PACK_HEADER_BYTES,
  PACK_VERSION,
  PackedLayer,
  pack,
  packJsonOffset,
} from '../../server/src/engine/dictionary/packed';
import { toConcept } from '../../server/src/engine/dictionary/rawEntry';
import type { Concept, LayerKind } from '../../server/src/engine/types';

const cite = [{ source: 'test' }];
const note = { zh: '注', en: 'note' };
const raw = (over: Partial<RawEntry> & { id: string }): RawEntry => ({ category: 'drug', en: over.id, cite, ...over });
const concept = (over: Partial<RawEntry> & { id: string }): Concept =>
  toConcept(raw(over), { layer: 'builtin', source: 'test.yaml' });

/** A layer of entries (objects, or packed when `packed`), with what else a term file may add. */
function layer(
  entries: RawEntry[],
  options: { source?: string; layer?: LayerKind; packed?: boolean; accept?: string[]; variants?: unknown[] } = {},
): ParsedLayerFile {
  const value = { entries, accept: options.accept, variants: options.variants };
  return layerFromChecked(
    { value, problems: [], badEntries: [] },
    options.source ?? 'test.yaml',
    options.layer ?? 'builtin',
    options.packed ? 1 : Number.POSITIVE_INFINITY,
  );
}

const surfaceRows = (surfaces: readonly { text: string; role: string; caseSensitive: boolean; conceptId: string }[]) =>
  surfaces.map(
    (surface) => `${surface.conceptId}:${surface.role}:${surface.text}${surface.caseSensitive ? ':cs' : ''}`,
  );

describe('conceptSurfaces', () => {
  it('in order: standard, English, abbreviations, variants, accepted names; roles and case sensitivity', () => {
    const surfaces = conceptSurfaces(
      concept({
        id: 'a',
        zh: '甲药',
        en: 'Alpha',
        abbreviations: ['ALP'],
        variants: [
          { text: '甲要', kind: 'nonstandard-character', note },
          { text: 'ALPHA', kind: 'letter-case', note },
        ],
        accepted: [
          { text: '阿尔法', kind: 'synonym' },
          { text: 'Al', kind: 'abbreviation' },
          { text: 'Alp-x', kind: 'informal-abbreviation' },
          { text: 'AlphaBrand', kind: 'brand' },
        ],
      }),
      new Set(),
    );
    expect(surfaceRows(surfaces)).toEqual([
      'a:standard:甲药',
      'a:english:Alpha',
      'a:abbreviation:ALP:cs',
      'a:variant:甲要',
      'a:variant:ALPHA:cs',
      'a:accepted:阿尔法',
      'a:accepted:Al:cs',
      'a:accepted:Alp-x:cs',
      'a:accepted:AlphaBrand',
    ]);
    expect(surfaces[3]!.variant?.text).toBe('甲要');
    expect(surfaces[5]!.accepted).toEqual({ text: '阿尔法', kind: 'synonym' });
    expect(surfaces[0]).toMatchObject({ key: '甲药', exactKey: '甲药', accepted: undefined, variant: undefined });
    expect(surfaces[1]!.key).toBe('alpha');
    expect(surfaces[1]!.exactKey).not.toBe('alpha');
  });

  it('a regimen has no standard or English surface; a concept without zh has no standard one', () => {
    const regimen = concept({ id: 'krd', category: 'regimen', zh: '卡来地', en: 'KRd', abbreviations: ['KRd'] });
    expect(surfaceRows(conceptSurfaces(regimen, new Set()))).toEqual(['krd:abbreviation:KRd:cs']);
    expect(surfaceRows(conceptSurfaces(concept({ id: 'b', en: 'Beta' }), new Set()))).toEqual(['b:english:Beta']);
  });

  it('a form repeated in the concept is kept once: by folded key when case-insensitive, by exact key when not', () => {
    const surfaces = conceptSurfaces(
      concept({
        id: 'a',
        en: 'Abc',
        abbreviations: ['ABC', 'Xyz'],
        variants: [
          { text: 'ABC', kind: 'letter-case', note }, // same exact key as the abbreviation: dropped
          { text: 'xyz', kind: 'letter-case', note }, // another exact key: kept
          { text: 'abc', kind: 'typo', note }, // folded like the English name: dropped
        ],
        accepted: [
          { text: 'ABC', kind: 'synonym' }, // folded like the English name: dropped
          { text: 'XYZ', kind: 'abbreviation' }, // another exact key: kept
        ],
      }),
      new Set(),
    );
    expect(surfaceRows(surfaces)).toEqual([
      'a:english:Abc',
      'a:abbreviation:ABC:cs',
      'a:abbreviation:Xyz:cs',
      'a:variant:xyz:cs',
      'a:accepted:XYZ:cs',
    ]);
  });

  it('a variant the workspace accepts becomes an accepted ("related") form', () => {
    const withVariant = concept({ id: 'a', zh: '甲药', variants: [{ text: 'Jia', kind: 'typo', note }] });
    expect(conceptSurfaces(withVariant, new Set(['jia']))[2]).toMatchObject({
      text: 'Jia',
      role: 'accepted',
      caseSensitive: false,
      variant: undefined,
      accepted: { text: 'Jia', kind: 'related' },
    });
    expect(conceptSurfaces(withVariant, new Set(['other']))[2]).toMatchObject({ role: 'variant', accepted: undefined });
  });
});

describe('buildDictionary: forms shared by several concepts', () => {
  it("a variant that is another concept's accepted name is an error and is dropped (the path names the variant)", () => {
    const dictionary = buildDictionary([
      layer([
        raw({ id: 'a', zh: '甲药', accepted: [{ text: '共名', kind: 'synonym' }] }),
        raw({ id: 'b', zh: '乙药', variants: [{ text: '共名', kind: 'typo', note }] }),
      ]),
    ]);
    expect(dictionary.problems).toEqual([
      {
        source: 'test.yaml',
        path: 'entries(id=b).variants',
        message: 'variant "共名" is an accepted name of "a"; the variant is ignored',
        severity: 'error',
      },
    ]);
    expect(surfaceRows(dictionary.surfaceList()).filter((row) => row.includes('共名'))).toEqual(['a:accepted:共名']);
  });

  it('a variant of the same concept, or a letter-case variant, is not dropped', () => {
    const dictionary = buildDictionary([
      layer([
        raw({ id: 'a', zh: '甲药', en: 'Ab', variants: [{ text: '甲藥', kind: 'typo', note }] }),
        raw({ id: 'b', zh: '乙药', en: 'Bb', variants: [{ text: 'AB', kind: 'letter-case', note }] }),
        raw({ id: 'c', zh: '丙药', accepted: [{ text: '甲藥', kind: 'traditional' }] }),
      ]),
    ]);
    // 甲藥 is c's accepted name and a's variant: a's variant comes first, so c's accepted name is the later one.
    expect(dictionary.problems.map((problem) => problem.message)).toEqual([
      '"甲藥" is also a name of "a"; the first definition is used',
    ]);
    expect(surfaceRows(dictionary.surfaceList()).filter((row) => /AB|Ab/.test(row))).toEqual([
      'a:english:Ab',
      'b:variant:AB:cs',
    ]);
  });

  it('the same name in two concepts (whatever its case): a warning, the first concept keeps it', () => {
    const dictionary = buildDictionary([
      layer([
        raw({ id: 'a', zh: '甲药', en: 'Foo' }),
        raw({ id: 'b', zh: '乙药', en: 'foo' }),
        raw({ id: 'c', zh: '丙药', en: 'Cc', abbreviations: ['CC'] }),
        raw({ id: 'd', zh: '丁药', en: 'Dd', abbreviations: ['CC', 'Cc'] }),
      ]),
    ]);
    expect(dictionary.problems).toEqual([
      {
        source: 'test.yaml',
        path: 'entries(id=b)',
        message: '"foo" is also a name of "a"; the first definition is used',
        severity: 'warning',
      },
      {
        source: 'test.yaml',
        path: 'entries(id=d)',
        message: '"CC" is also a name of "c"; the first definition is used',
        severity: 'warning',
      },
    ]);
    // An abbreviation of another case is another exact key: kept.
    expect(surfaceRows(dictionary.surfaceList()).filter((row) => /:(foo|Foo|CC|Cc)(:|$)/.test(row))).toEqual([
      'a:english:Foo',
      'c:english:Cc',
      'c:abbreviation:CC:cs',
      'd:abbreviation:Cc:cs',
    ]);
  });
});

describe('buildDictionary: what users add', () => {
  it('variants by concept id join the concept; an unknown id is an error; accepted texts are folded', () => {
    const builtin = layer([raw({ id: 'a', zh: '甲药', en: 'Alpha' })]);
    const house = layer([], {
      source: 'house.yaml',
      layer: 'workspace',
      accept: ['Foo Bar'],
      variants: [
        { concept: 'a', text: '甲要' },
        { concept: 'nope', text: '无' },
      ],
    });
    const dictionary = buildDictionary([builtin, house]);
    expect(dictionary.problems).toEqual([
      {
        source: 'house.yaml',
        path: 'variants',
        message: 'unknown concept id "nope" for variant "无"',
        severity: 'error',
      },
    ]);
    expect(dictionary.concepts.get('a')!.variants.map((variant) => variant.text)).toEqual(['甲要']);
    expect(Object.isFrozen(dictionary.concepts.get('a'))).toBe(true);
    expect([...dictionary.accepted]).toEqual(['foo bar']);
  });

  it('no accepted text when no file accepts any (a file without accept adds none)', () => {
    const bare: ParsedLayerFile = { source: 'bare.yaml', layer: 'workspace', concepts: [], problems: [] };
    const dictionary = buildDictionary([layer([raw({ id: 'a', zh: '甲药' })]), bare]);
    expect(dictionary.accepted.size).toBe(0);
    expect(dictionary.problems).toEqual([]);
  });

  it('a variant naming its concept by a name: a known name joins that concept; an unknown one makes a user concept', () => {
    const builtin = layer([
      raw({ id: 'a', zh: '甲药', en: 'Alpha', accepted: [{ text: '阿尔法', kind: 'synonym' }] }),
      raw({ id: 'no-zh', en: 'Nozh' }),
    ]);
    const variant = (text: string) => ({ text, kind: 'nonstandard-term' as const, note, cite: [{ source: 'p.yml' }] });
    const prh: ParsedLayerFile = {
      source: 'p.yml',
      layer: 'workspace',
      concepts: [],
      problems: [],
      variantAdditions: [
        { conceptId: '', conceptName: 'ALPHA', variant: variant('阿法') },
        { conceptId: '', conceptName: '阿尔法', variant: variant('阿耳法') },
        { conceptId: '', conceptName: '新名', variant: variant('心名') },
        { conceptId: '', conceptName: '新名', variant: variant('辛名') },
        { conceptId: '', conceptName: 'Gadget', variant: variant('gadjet') },
        { conceptId: '', conceptName: 'GADGET', variant: variant('gadjit') },
        { conceptId: '', variant: variant('孤词') },
        { conceptId: '', variant: variant('孤词') },
        { conceptId: '', conceptName: 'nozh', variant: variant('诺') },
      ],
    };
    const dictionary = buildDictionary([builtin, prh]);
    expect(dictionary.problems).toEqual([]);
    expect(dictionary.concepts.get('a')!.variants.map((v) => v.text)).toEqual(['阿法', '阿耳法']);
    const users = [...dictionary.concepts.values()].filter((c) => c.id.startsWith('user-'));
    expect(users.map((c) => [c.zh, c.en, c.zhNote, c.variants.map((v) => v.text)])).toEqual([
      ['新名', '新名', undefined, ['心名', '辛名']],
      [undefined, 'Gadget', { zh: '用户规则', en: 'user rule' }, ['gadjet', 'gadjit']],
      ['孤词', '孤词', undefined, ['孤词', '孤词']],
    ]);
    expect(dictionary.concepts.get('no-zh')!.variants.map((v) => v.text)).toEqual(['诺']);
    expect(users[0]).toMatchObject({
      category: 'term',
      cite: [{ source: 'p.yml' }],
      origin: { layer: 'workspace', source: 'p.yml' },
    });
    // The id is a stable hash of the name.
    expect(users[0]!.id).toMatch(/^user-[0-9a-z]+$/);
    expect(buildDictionary([builtin, prh]).concepts.get(users[0]!.id)?.zh).toBe('新名');
    expect(new Set(users.map((c) => c.id)).size).toBe(3);
  });

  it("a user concept is named by its name (not its id) in another concept's problem", () => {
    const variant = (text: string) => ({ text, kind: 'typo' as const, note, cite: [{ source: 'p' }] });
    const prh: ParsedLayerFile = {
      source: 'p.yml',
      layer: 'workspace',
      concepts: [],
      problems: [],
      variantAdditions: [
        { conceptId: '', conceptName: 'Gadget', variant: variant('gizmo') },
        { conceptId: '', variant: variant('gadget') },
      ],
    };
    const house = layer([raw({ id: 'h', zh: '好', en: 'Hh', variants: [variant('GADGET')] })], {
      source: 'h.yaml',
      layer: 'workspace',
    });
    const dictionary = buildDictionary([prh, house]);
    const second = [...dictionary.concepts.values()].find((c) => c.en === 'gadget')!;
    expect(dictionary.problems).toEqual([
      {
        source: 'h.yaml',
        path: 'entries(id=h).variants',
        message: 'variant "GADGET" is an accepted name of "gadget"; the variant is ignored',
        severity: 'error',
      },
      {
        source: 'p.yml',
        path: `entries(id=${second.id})`,
        message: '"gadget" is also a name of "Gadget"; the first definition is used',
        severity: 'warning',
      },
    ]);
  });

  it('a packed entry whose variant the workspace accepts: the variant becomes an accepted form', () => {
    const packed = layer(
      [
        raw({ id: 'a', zh: '甲药', variants: [{ text: 'Jiayao', kind: 'typo', note }] }),
        raw({ id: 'b', zh: '乙药', variants: [{ text: 'Yiyao', kind: 'typo', note }] }),
      ],
      { packed: true },
    );
    expect(packed.packed).toBeDefined();
    const house = layer([], { source: 'h.yaml', layer: 'workspace', accept: ['jiayao'] });
    const rows = surfaceRows(buildDictionary([packed, house]).surfaceList());
    expect(rows).toContain('a:accepted:Jiayao');
    expect(rows).toContain('b:variant:Yiyao');
    expect(rows).not.toContain('a:variant:Jiayao');
  });

  it('a packed entry replaced by a later layer stays replaced when its variant is accepted', () => {
    const packed = layer(
      [raw({ id: 'a', zh: '甲药', variants: [{ text: 'Jiayao', kind: 'typo', note }] }), raw({ id: 'b', zh: '乙药' })],
      { packed: true },
    );
    const house = layer([raw({ id: 'a', zh: '新甲药' })], { source: 'h.yaml', layer: 'workspace', accept: ['jiayao'] });
    const dictionary = buildDictionary([packed, house]);
    expect(dictionary.concepts.get('a')!.zh).toBe('新甲药');
    expect(surfaceRows(dictionary.surfaceList()).filter((row) => row.startsWith('a:'))).toEqual([
      'a:standard:新甲药',
      'a:english:a',
    ]);
  });

  it('a packed entry that names other concepts is checked like an object one', () => {
    const packed = layer(
      [
        raw({ id: 'cls', category: 'drug-class', zh: '类' }),
        raw({ id: 'a', zh: '甲药', classes: ['cls'] }),
        raw({ id: 'b', zh: '乙药', targets: ['missing'] }),
        raw({ id: 'c', zh: '丙药' }),
      ],
      { packed: true },
    );
    const dictionary = buildDictionary([packed]);
    expect(dictionary.membersOf.get('cls')).toEqual(['a']);
    expect(dictionary.problems.map((problem) => problem.message).join('\n')).toContain('missing');
  });

  it('a packed entry keeps long texts of many-byte characters whole', () => {
    const long = '很长的说明'.repeat(600);
    const packed = layer([raw({ id: 'a', zh: '甲药', description: { zh: long, en: 'x'.repeat(5000) } })], {
      packed: true,
    });
    const dictionary = buildDictionary([packed]);
    expect(dictionary.concepts.get('a')!.description).toEqual({ zh: long, en: 'x'.repeat(5000) });
    // Shorter than the buffer in characters, longer in bytes.
    const medium = '说明'.repeat(300);
    const small = layer([raw({ id: 'b', zh: '乙药', description: { zh: medium, en: 'y' } })], { packed: true });
    expect(buildDictionary([small]).concepts.get('b')!.description).toEqual({ zh: medium, en: 'y' });
  });
});

describe.each([
  ['objects', false],
  ['packed', true],
])('buildDictionary over %s: layers, references and the concept index', (_label, packed) => {
  it('a later layer replaces an id in place, whatever the order given and the sizes; an id twice in a file is a warning', () => {
    const builtin = layer(
      [
        raw({ id: 'a', zh: '甲药' }),
        raw({ id: 'b', zh: '乙药' }),
        raw({ id: 'c', zh: '丙药' }),
        raw({ id: 'a', zh: '重甲' }),
      ],
      { packed },
    );
    const user = layer([raw({ id: 'b', zh: '新乙药' })], { source: 'u.yaml', layer: 'user' });
    const workspace = layer(
      [
        raw({ id: 'd', zh: '丁药' }),
        raw({ id: 'c', zh: '新丙药' }),
        raw({ id: 'b', zh: '更新乙药' }),
        raw({ id: 'e', zh: '戊药' }),
        raw({ id: 'f', zh: '己药' }),
      ],
      { source: 'w.yaml', layer: 'workspace', packed },
    );
    const dictionary = buildDictionary([workspace, user, builtin]);
    expect([...dictionary.concepts.values()].map((c) => `${c.id}:${c.zh}`)).toEqual([
      'a:甲药',
      'b:更新乙药',
      'c:新丙药',
      'd:丁药',
      'e:戊药',
      'f:己药',
    ]);
    expect(dictionary.concepts.size).toBe(6);
    // Packed: dropped while packing; objects: when the layers merge. The same problem.
    expect(dictionary.problems).toEqual([
      {
        source: 'test.yaml',
        path: 'entries(id=a)',
        message: 'duplicate id "a" in this file; the later entry is ignored',
        severity: 'warning',
      },
    ]);
    expect(dictionary.concepts.get('c')!.origin).toEqual({ layer: 'workspace', source: 'w.yaml' });
    // The map interface.
    expect([...dictionary.concepts.keys()]).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect([...dictionary.concepts].map(([id, c]) => `${id}=${c.id}`)).toEqual([
      'a=a',
      'b=b',
      'c=c',
      'd=d',
      'e=e',
      'f=f',
    ]);
    expect([...dictionary.concepts.entries()].map(([id]) => id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    const seen: string[] = [];
    dictionary.concepts.forEach((c, id, map) => {
      seen.push(`${id}:${c.id}`);
      expect(map).toBe(dictionary.concepts);
    });
    expect(seen).toEqual(['a:a', 'b:b', 'c:c', 'd:d', 'e:e', 'f:f']);
    expect(dictionary.concepts.has('f')).toBe(true);
    expect(dictionary.concepts.has('zz')).toBe(false);
    expect(dictionary.concepts.get('zz')).toBeUndefined();
    expect(dictionary.concepts.slotOf('zz')).toBe(-1);
    expect(dictionary.concepts.slotOf('e')).toBe(4);
    expect(dictionary.concepts.categoryAt(0)).toBe('drug');
  });

  it('references: unknown ids are warnings naming the field; regimens and members are indexed', () => {
    const reason = { zh: '理由', en: 'reason' };
    const dictionary = buildDictionary([
      layer(
        [
          raw({ id: 'cls', category: 'drug-class', zh: '类' }),
          raw({ id: 'tgt', category: 'target', zh: '靶' }),
          raw({ id: 'a', zh: '甲药', classes: ['cls', 'nocls'], targets: ['tgt', 'notgt'] }),
          raw({ id: 'b', zh: '乙药', classes: ['cls'] }),
          raw({ id: 'rb', category: 'regimen', en: 'RB', abbreviations: ['RB'], components: ['b', 'a', 'b'] }),
          raw({ id: 'ra', category: 'regimen', en: 'RA', abbreviations: ['RA'], components: ['a', 'b', 'nodrug'] }),
          raw({ id: 'rz', category: 'regimen', en: 'RZ', abbreviations: ['RZ'] }),
          raw({ id: 'd', zh: '丁药', components: ['a'] }), // not a regimen: not indexed as one
          raw({ id: 'c', zh: '丙药', confusableWith: [{ id: 'noc', context: ['a', 'noctx'], reason }] as never }),
        ],
        { packed },
      ),
    ]);
    expect(
      dictionary.problems.map((problem) => [problem.source, problem.path, problem.message, problem.severity]),
    ).toEqual([
      ['test.yaml', 'entries(id=a).classes', 'unknown concept id "nocls"', 'warning'],
      ['test.yaml', 'entries(id=a).targets', 'unknown concept id "notgt"', 'warning'],
      ['test.yaml', 'entries(id=ra).components', 'unknown concept id "nodrug"', 'warning'],
      ['test.yaml', 'entries(id=c).confusableWith', 'unknown concept id "noc"', 'warning'],
      ['test.yaml', 'entries(id=c).confusableWith', 'unknown concept id "noctx"', 'warning'],
    ]);
    expect([...dictionary.regimensByComponents]).toEqual([
      ['a+b', ['rb']],
      ['a+b+nodrug', ['ra']],
    ]);
    expect([...dictionary.regimensOf]).toEqual([
      ['b', ['rb', 'ra']],
      ['a', ['rb', 'ra']],
      ['nodrug', ['ra']],
    ]);
    expect([...dictionary.membersOf]).toEqual([
      ['cls', ['a', 'b']],
      ['nocls', ['a']],
      ['tgt', ['a']],
      ['notgt', ['a']],
    ]);
  });
});

describe('cached forms of term files', () => {
  const prhText =
    'version: 1\nrules:\n  - expected: 来那度胺\n    patterns: [雷利度胺]\n  - expected: 第$1期\n    pattern: /第([一二])阶段/\n';

  it('a MedTerm file: its checked value, and the same layer rebuilt', () => {
    const parsed = layerFromChecked(
      { value: { entries: [raw({ id: 'a', zh: '甲药' })], accept: ['x'] }, problems: [], badEntries: [] },
      'm.yaml',
      'workspace',
    );
    const form = cachedFormOf({ ...parsed, checked: { value: { accept: ['x'] }, problems: [], badEntries: [] } });
    expect(form).toEqual({ kind: 'medterm', checked: { value: { accept: ['x'] }, problems: [], badEntries: [] } });
    expect(isCachedForm(form)).toBe(true);
    const rebuilt = layerFromCached(form!, 'm.yaml', 'workspace');
    expect(rebuilt.accept).toEqual(['x']);
    expect(rebuilt.source).toBe('m.yaml');
  });

  it('a prh file: its rules without compiled expressions; rebuilt with them', () => {
    const parsed = parsePrh(prhText, 'prh.yml', 'workspace', { allowPatterns: true });
    const form = cachedFormOf(parsed)!;
    expect(form.kind).toBe('prh');
    const json = JSON.parse(JSON.stringify(form)) as unknown;
    expect(isCachedForm(json)).toBe(true);
    if (form.kind !== 'prh') throw new Error('not prh');
    expect(form.prh.patterns.every((pattern) => !('regex' in pattern))).toBe(true);
    const rebuilt = layerFromCached(json as typeof form, 'prh2.yml', 'user');
    expect(rebuilt.source).toBe('prh2.yml');
    expect(rebuilt.layer).toBe('user');
    expect(rebuilt.patterns?.map((pattern) => String(pattern.regex))).toEqual(
      parsed.patterns?.map((pattern) => String(pattern.regex)),
    );
    expect(rebuilt.variantAdditions).toEqual(parsed.variantAdditions);
  });

  it('no cached form for a packed layer or a file with neither a checked value nor prh rules', () => {
    expect(cachedFormOf(layer([raw({ id: 'a' })], { packed: true }))).toBeUndefined();
    expect(cachedFormOf({ source: 's', layer: 'user', concepts: [], problems: [] })).toBeUndefined();
  });

  it('isCachedForm refuses what a damaged or foreign cache holds', () => {
    const prh = { problems: [], imports: [], importOptions: [], specs: [], rules: [], patterns: [], concepts: [] };
    expect(isCachedForm({ kind: 'prh', prh })).toBe(true);
    for (const bad of [
      null,
      'medterm',
      5,
      { kind: 'medterm' },
      { kind: 'medterm', checked: { problems: [] } },
      { kind: 'medterm', checked: { badEntries: [] } },
      { kind: 'other', prh },
      { kind: 'other', checked: { problems: [], badEntries: [] } },
      { kind: 'prh' },
      { kind: 'prh', prh: null },
      ...Object.keys(prh).map((key) => ({ kind: 'prh', prh: { ...prh, [key]: {} } })),
    ])
      expect(isCachedForm(bad)).toBe(false);
    expect(isCachedForm({ kind: 'medterm', checked: { problems: [], badEntries: [] } })).toBe(true);
  });
});

describe('editing a term file', () => {
  it('an empty file gets the header and the list', () => {
    expect(addAcceptedText('', '甲')).toBe(
      '# MedTerm workspace terms (format: data/schema/medterm-terms.schema.json in the MedTerm extension)\naccept:\n  - 甲\n',
    );
    expect(addAcceptedText('  \n', '甲')).toContain('accept:\n  - 甲\n');
  });

  it('a flow mapping becomes block style; an existing text is not added twice', () => {
    expect(addAcceptedText('{ accept: [甲] }\n', '乙')).toBe('accept: [ 甲, 乙 ]\n');
    expect(addAcceptedText('accept:\n  - 甲\n', '甲')).toBe('accept:\n  - 甲\n');
    expect(addAcceptedText('accept: x\n', '甲')).toBe('accept:\n  - 甲\n');
  });

  it('a variant: kind defaults, replaceWith only when given; the same text for another concept is added', () => {
    const one = addVariant('', { concept: 'a', text: '甲' });
    expect(one).toContain('variants:\n  - concept: a\n    text: 甲\n    kind: nonstandard-term\n');
    expect(one).not.toContain('replaceWith');
    const two = addVariant(one, { concept: 'a', text: '甲', kind: 'typo' });
    expect(two).toBe(one);
    const three = addVariant(one, { concept: 'b', text: '甲', kind: 'typo', replaceWith: '乙' });
    expect(three).toContain('  - concept: b\n    text: 甲\n    kind: typo\n    replaceWith: 乙\n');
  });

  it('a long text stays on one line', () => {
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    expect(addAcceptedText('accept: []\n', long)).toBe(`accept: [ ${long} ]\n`);
    expect(addAcceptedText('', long)).toContain(`accept:\n  - ${long}\n`);
  });

  it('refuses a file with YAML errors (first line of the error) or one that is not a mapping', () => {
    expect(() => addAcceptedText('a: [\n', '甲')).toThrow(/^the file has YAML errors; fix them first \([^\n]*\)$/);
    expect(() => addAcceptedText('- a\n', '甲')).toThrow('the file is not a YAML mapping');
  });
});

describe('packed layers', () => {
  const entries: RawEntry[] = [
    raw({
      id: 'ab',
      zh: '甲药',
      en: 'Alpha',
      abbreviations: ['AB'],
      variants: [{ text: '甲要', kind: 'typo', note }],
      accepted: [{ text: 'alpha brand', kind: 'brand' }],
      classes: ['c'],
    }),
    raw({ id: 'a', category: 'target', zh: '乙靶', en: 'beta' }),
    raw({ id: 'c', category: 'drug-class', en: 'Gamma class' }),
    raw({ id: 'b-2', category: 'regimen', en: 'RB', abbreviations: ['RB'], components: ['a'] }),
    raw({
      id: 'long',
      en: `Long ${'Name'.repeat(1500)}`,
      accepted: [{ text: `长${'名'.repeat(2000)}`, kind: 'synonym' }],
    }),
  ];
  const bytes = pack({ entries, meta: { note: 'meta', list: [1, 2] } });
  const packedLayer = new PackedLayer(bytes, 'big.yaml', 'user');

  it('holds every entry: ids, lookup by id, categories, references, concepts, meta', () => {
    expect(packedLayer.size).toBe(5);
    expect(packedLayer.meta).toEqual({ note: 'meta', list: [1, 2] });
    expect([0, 1, 2, 3, 4].map((entry) => packedLayer.id(entry))).toEqual(['ab', 'a', 'c', 'b-2', 'long']);
    for (const [id, entry] of [
      ['ab', 0],
      ['a', 1],
      ['c', 2],
      ['b-2', 3],
      ['', -1],
      ['aa', -1],
      ['abc', -1],
      ['b', -1],
      ['zz', -1],
      ['0', -1],
    ] as const)
      expect(packedLayer.indexOf(id)).toBe(entry);
    expect([0, 1, 2, 3].map((entry) => packedLayer.category(entry))).toEqual([
      'drug',
      'target',
      'drug-class',
      'regimen',
    ]);
    expect([0, 1, 2, 3].map((entry) => packedLayer.hasReferences(entry))).toEqual([true, false, false, true]);
    entries.forEach((entry, index) => {
      expect(packedLayer.concept(index)).toEqual(toConcept(entry, { layer: 'user', source: 'big.yaml' }));
      expect(packedLayer.concept(index)).toBe(packedLayer.concept(index));
    });
    // Concepts made are kept (up to a few thousand): asked again, the same object.
    const first = packedLayer.concept(0);
    packedLayer.concept(1);
    packedLayer.concept(2);
    expect(packedLayer.concept(0)).toBe(first);
    expect(packedLayer.lazy).toBe(true);
    expect(packedLayer.duplicateIds).toEqual([]);
    expect(packedLayer.surfaceObject()).toBeUndefined();
  });

  it('holds every surface as conceptSurfaces derives it, with its entry, key, case and exact key', () => {
    const expected = entries.flatMap((entry) =>
      conceptSurfaces(toConcept(entry, { layer: 'user', source: 'big.yaml' }), new Set()),
    );
    expect(packedLayer.surfaceCount).toBe(expected.length);
    const owners = entries.map((entry) => entry.id);
    let surface = 0;
    entries.forEach((_entry, index) => {
      const [first, end] = packedLayer.surfacesOf(index);
      expect(first).toBe(surface);
      for (; surface < end; surface++) {
        expect(packedLayer.surfaceEntryOf(surface)).toBe(index);
        expect(packedLayer.surface(surface)).toEqual(expected[surface]);
        expect(owners[index]).toBe(expected[surface]!.conceptId);
        expect(packedLayer.folded(surface)).toBe(expected[surface]!.key);
        const [pool, start, length] = packedLayer.key(surface);
        expect(String.fromCharCode(...(pool as Uint16Array).subarray(start, start + length))).toBe(
          expected[surface]!.key,
        );
        expect(packedLayer.caseFlag(surface)).toBe(expected[surface]!.caseSensitive ? 1 : 0);
        expect(packedLayer.isVariant(surface)).toBe(expected[surface]!.role === 'variant');
        const exact = expected[surface]!.exactKey!;
        const units = Uint16Array.from(`xx${exact}`, (c) => c.charCodeAt(0));
        expect(packedLayer.exactAt(surface, units, 2)).toBe(true);
        expect(packedLayer.exactAt(surface, units, 3)).toBe(false);
        expect(packedLayer.exactAt(surface, units.subarray(0, units.length - 1), 2)).toBe(false);
        expect(
          packedLayer.exactAt(
            surface,
            Uint16Array.from(`xx${exact.slice(0, -1)}?`, (c) => c.charCodeAt(0)),
            2,
          ),
        ).toBe(false);
      }
    });
    expect(surface).toBe(expected.length);
    const roles = expected.map((s) => s.role);
    expect(roles).toContain('variant');
    expect(roles).toContain('accepted');
  });

  it('an object layer of the same entries answers every question as the packed one', () => {
    const concepts = entries.map((entry) => toConcept(entry, { layer: 'user', source: 'big.yaml' }));
    const objects = new ObjectLayer({ source: 'big.yaml', layer: 'user', concepts: [...concepts, concepts[1]!] });
    expect(objects.duplicateIds).toEqual(['a']);
    expect(objects.lazy).toBe(false);
    expect(objects.size).toBe(packedLayer.size);
    expect(objects.surfaceCount).toBe(packedLayer.surfaceCount);
    for (const id of ['ab', 'a', 'c', 'b-2', 'long', 'zz']) expect(objects.indexOf(id)).toBe(packedLayer.indexOf(id));
    for (let entry = 0; entry < objects.size; entry++) {
      expect(objects.id(entry)).toBe(packedLayer.id(entry));
      expect(objects.concept(entry)).toBe(concepts[entry]);
      expect(objects.category(entry)).toBe(packedLayer.category(entry));
      expect(objects.hasReferences(entry)).toBe(packedLayer.hasReferences(entry));
      expect(objects.surfacesOf(entry)).toEqual(packedLayer.surfacesOf(entry));
    }
    for (let surface = 0; surface < objects.surfaceCount; surface++) {
      expect(objects.surfaceEntryOf(surface)).toBe(packedLayer.surfaceEntryOf(surface));
      expect(objects.surface(surface)).toEqual(packedLayer.surface(surface));
      expect(objects.surfaceObject(surface)).toBe(objects.surface(surface));
      expect(objects.folded(surface)).toBe(packedLayer.folded(surface));
      const [pool, start, length] = objects.key(surface);
      expect(String(pool).slice(start, start + length)).toBe(packedLayer.folded(surface));
      expect(objects.isVariant(surface)).toBe(packedLayer.isVariant(surface));
      expect(objects.caseFlag(surface)).toBe(packedLayer.caseFlag(surface));
      const units = Uint16Array.from(`x${objects.surface(surface).exactKey!}`, (c) => c.charCodeAt(0));
      expect(objects.exactAt(surface, units, 1)).toBe(true);
      expect(objects.exactAt(surface, units, 0)).toBe(false);
    }
    objects.dispose();
  });

  it('the header: magic, version, section table; packJsonOffset reads where the JSON starts', () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(0, true)).toBe(0x4b50544d);
    expect(view.getUint32(4, true)).toBe(PACK_VERSION);
    expect(view.getUint32(8, true)).toBe(15);
    expect(PACK_HEADER_BYTES).toBe(12 + 15 * 8);
    expect(packJsonOffset(bytes.subarray(0, PACK_HEADER_BYTES))).toBe(view.getUint32(12 + 14 * 8, true));
    expect(() => packJsonOffset(bytes.subarray(0, PACK_HEADER_BYTES - 1))).toThrow(NotAPackError);
    for (const at of [0, 4, 8]) {
      const bad = bytes.slice(0, PACK_HEADER_BYTES);
      bad[at]! ^= 1;
      expect(() => packJsonOffset(bad)).toThrow('not a MedTerm pack of this version');
    }
  });

  it('a pack at any offset of a buffer is read; a damaged one is refused, never misread', () => {
    const shifted = new Uint8Array(bytes.length + 2);
    shifted.set(bytes, 2);
    expect(new PackedLayer(shifted.subarray(2), 's', 'user').id(3)).toBe('b-2');
    const refuse = (damaged: Uint8Array, message: string) =>
      expect(() => new PackedLayer(damaged, 's', 'user')).toThrow(message);
    refuse(bytes.slice(0, 11), 'too short');
    for (const at of [0, 4, 8]) {
      const bad = bytes.slice();
      bad[at]! ^= 1;
      refuse(bad, 'not a MedTerm pack of this version');
    }
    refuse(bytes.slice(0, PACK_HEADER_BYTES - 1), 'truncated header');
    refuse(bytes.slice(0, bytes.length - 4), 'truncated');
    const misaligned = bytes.slice();
    new DataView(misaligned.buffer).setUint32(
      12 + 1 * 8,
      new DataView(bytes.buffer, bytes.byteOffset).getUint32(12 + 8, true) + 2,
      true,
    );
    refuse(misaligned, 'truncated');
    // One section's length one element short (its offsets unchanged): the sections disagree.
    for (const [section, element] of [
      [2, 4],
      [3, 4],
      [6, 4],
      [7, 4],
      [10, 4],
      [11, 4],
      [12, 4],
      [13, 4],
      [14, 1],
    ] as const) {
      const bad = bytes.slice();
      const header = new DataView(bad.buffer);
      header.setUint32(16 + section * 8, header.getUint32(16 + section * 8, true) - element, true);
      refuse(bad, 'inconsistent sections');
    }
  });
});
