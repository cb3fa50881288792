import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  buildDictionary,
  layerFromChecked,
  parseDictionary,
  type Citation,
  type Concept,
} from '../../server/src/engine';
import { ObjectLayer, type TermLayer } from '../../server/src/engine/dictionary/layer';
import { HOST_IS_LITTLE_ENDIAN } from '../../server/src/engine/dictionary/packed';
import { ROOT, TERMS_DIRECTORY, builtinDictionary, builtinFiles } from '../helpers/dictionary';
import { reviewSections } from '../helpers/review';

const dictionary = builtinDictionary();
const concepts = [...dictionary.concepts.values()];
const sections = reviewSections();

function reviewCitations(
  concept: Concept,
): { where: string; citation: Extract<Citation, { review: string }>; surfaces: 'concept' | string }[] {
  const out: { where: string; citation: Extract<Citation, { review: string }>; surfaces: 'concept' | string }[] = [];
  const add = (where: string, cites: readonly Citation[] | undefined, surfaces: 'concept' | string): void => {
    for (const citation of cites ?? []) if ('review' in citation) out.push({ where, citation, surfaces });
  };
  add('cite', concept.cite, 'concept');
  concept.accepted.forEach((accepted, index) => add(`accepted[${index}]`, accepted.cite, accepted.text));
  concept.variants.forEach((variant, index) => add(`variants[${index}]`, variant.cite, variant.text));
  concept.milestones.forEach((milestone, index) => add(`milestones[${index}]`, milestone.cite, 'concept'));
  return out;
}

describe('dictionary integrity', () => {
  it('loads without problems', () => {
    expect(dictionary.problems).toEqual([]);
  });

  it('has unique ids across all built-in files', () => {
    const ids = builtinFiles().flatMap((file) => file.concepts.map((concept) => concept.id));
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('never lets a variant of one concept be an accepted name of another', () => {
    const accepted = new Map<string, string>();
    for (const concept of concepts) {
      for (const text of [concept.zh, concept.en, ...concept.abbreviations, ...concept.accepted.map((a) => a.text)])
        if (text) accepted.set(text.replace(/\s/g, '').toLowerCase(), concept.id);
    }
    const clashes = concepts.flatMap((concept) =>
      concept.variants
        .filter((variant) => variant.kind !== 'letter-case')
        .flatMap((variant) => {
          const owner = accepted.get(variant.text.replace(/\s/g, '').toLowerCase());
          return owner && owner !== concept.id ? [`${concept.id}: ${variant.text} is a name of ${owner}`] : [];
        }),
    );
    expect(clashes).toEqual([]);
  });

  it('gives every regimen components that exist and are drugs', () => {
    for (const regimen of concepts.filter((concept) => concept.category === 'regimen')) {
      expect(regimen.components.length, regimen.id).toBeGreaterThan(0);
      for (const component of regimen.components)
        expect(dictionary.concepts.get(component)?.category, `${regimen.id} → ${component}`).toBe('drug');
    }
  });

  it('gives every drug a class, a mechanism and a route, and every concept a Chinese name or a note why not', () => {
    for (const concept of concepts) {
      expect(concept.zh !== undefined || concept.zhNote !== undefined, concept.id).toBe(true);
      if (concept.category !== 'drug') continue;
      expect(concept.classes.length, concept.id).toBeGreaterThan(0);
      expect(concept.mechanism, concept.id).toBeDefined();
      expect(concept.route.length, concept.id).toBeGreaterThan(0);
    }
  });

  it('cites only sections of the review that exist, with reference numbers that appear in them', () => {
    const bad: string[] = [];
    for (const concept of concepts) {
      for (const { where, citation } of reviewCitations(concept)) {
        const section = sections.get(citation.review);
        if (section === undefined) {
          bad.push(`${concept.id}.${where}: no section ${citation.review}`);
          continue;
        }
        for (const ref of citation.refs ?? [])
          if (!section.includes(`[${ref}]`)) bad.push(`${concept.id}.${where}: [${ref}] is not in §${citation.review}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('names the concept (or the cited form) in every review section it cites', () => {
    const bad: string[] = [];
    for (const concept of concepts) {
      for (const { where, citation, surfaces } of reviewCitations(concept)) {
        const section = sections.get(citation.review);
        if (section === undefined) continue;
        const analysis = analyze(section, dictionary);
        const named =
          surfaces === 'concept'
            ? analysis.matches.some((match) => match.conceptId === concept.id) ||
              analysis.regimenMentions.some((mention) => mention.regimenId === concept.id)
            : analysis.matches.some((match) => match.conceptId === concept.id && match.surface.text === surfaces);
        if (!named) bad.push(`${concept.id}.${where} → §${citation.review}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('cites a source for every fact: each concept, correction and milestone has at least one citation', () => {
    for (const concept of concepts) {
      expect(concept.cite.length, concept.id).toBeGreaterThan(0);
      for (const correction of concept.corrections) expect(correction.cite.length, concept.id).toBeGreaterThan(0);
      for (const milestone of concept.milestones) expect(milestone.cite.length, concept.id).toBeGreaterThan(0);
    }
  });

  it('matches the counts per category given in data/README.md', () => {
    const readme = readFileSync(join(ROOT, 'data', 'README.md'), 'utf8');
    const counts = new Map<string, number>();
    for (const concept of concepts) counts.set(concept.category, (counts.get(concept.category) ?? 0) + 1);
    for (const [category, count] of counts)
      expect(readme, category).toMatch(new RegExp(`\\|\\s*\`${category}\`\\s*\\|\\s*${count}\\s*\\|`));
    expect(readme).toMatch(new RegExp(`\\|\\s*total\\s*\\|\\s*${concepts.length}\\s*\\|`));
  });
});

/**
 * The same data as packed layers (dictionary/packed.ts: what a term file of PACK_MIN_ENTRIES entries or more
 * becomes): every built-in file packed must hold exactly the ids, concepts and surfaces its objects hold, and
 * the dictionary built from the packs must pass the checks above on ids.
 */
describe.skipIf(!HOST_IS_LITTLE_ENDIAN)('dictionary integrity, read from packed layers', () => {
  const files = builtinFiles().map((file) => {
    const parsed = parseDictionary(readFileSync(join(TERMS_DIRECTORY, basename(file.source)), 'utf8'), file.source);
    const packed = layerFromChecked(parsed.checked!, file.source, 'builtin', 0).packed!;
    return { source: file.source, objects: new ObjectLayer(file), packed };
  });
  const entries = (layer: TermLayer): number[] => Array.from({ length: layer.size }, (_, entry) => entry);

  it('packs every built-in file', () => {
    expect(files.length).toBe(builtinFiles().length);
    for (const file of files) expect([file.source, file.packed.size]).toEqual([file.source, file.objects.size]);
  });

  it('reads the same ids and concepts from each pack as from its objects', () => {
    for (const { source, objects, packed } of files) {
      const ids = entries(objects).map((entry) => objects.id(entry));
      expect([
        source,
        entries(packed)
          .map((entry) => packed.id(entry))
          .sort(),
      ]).toEqual([source, [...ids].sort()]);
      for (const id of ids) expect(packed.concept(packed.indexOf(id))).toEqual(objects.concept(objects.indexOf(id)));
    }
  });

  it('reads the same surfaces (text, key, role, case, variant or accepted name) of every concept', () => {
    const surfacesOf = (layer: TermLayer, id: string): unknown[] => {
      const [first, end] = layer.surfacesOf(layer.indexOf(id));
      return Array.from({ length: end - first }, (_, k) => ({
        ...layer.surface(first + k),
        folded: layer.folded(first + k),
        isVariant: layer.isVariant(first + k),
        caseFlag: layer.caseFlag(first + k),
      }));
    };
    let compared = 0;
    for (const { objects, packed } of files)
      for (const entry of entries(objects)) {
        const id = objects.id(entry);
        const expected = surfacesOf(objects, id);
        expect([id, surfacesOf(packed, id)]).toEqual([id, expected]);
        compared += expected.length;
      }
    expect(compared).toBe(dictionary.surfaceList().length);
  });

  it('has unique ids across the packed files, and builds the same dictionary from them', () => {
    const ids = files.flatMap(({ packed }) => entries(packed).map((entry) => packed.id(entry)));
    expect(ids.length).toBe(new Set(ids).size);
    const fromPacks = buildDictionary(
      files.map(({ source, packed }) => ({ source, layer: 'builtin' as const, concepts: [], problems: [], packed })),
    );
    expect(fromPacks.problems).toEqual([]);
    expect([...fromPacks.concepts.keys()].sort()).toEqual(concepts.map((concept) => concept.id).sort());
    expect(fromPacks.surfaceList().map((surface) => `${surface.conceptId}|${surface.role}|${surface.text}`)).toEqual(
      dictionary.surfaceList().map((surface) => `${surface.conceptId}|${surface.role}|${surface.text}`),
    );
  });
});
