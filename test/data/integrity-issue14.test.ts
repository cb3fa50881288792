import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conceptSurfaces } from '../../server/src/engine/dictionary/surfaces';
import { normaliseSurface } from '../../server/src/engine/text/matchText';
import type { Concept } from '../../server/src/engine';
import { TERMS_DIRECTORY, builtinDictionary } from '../helpers/dictionary';

/** Integrity checks that grow with the data (issue 14). */
const dictionary = builtinDictionary();
const concepts = [...dictionary.concepts.values()];

/**
 * Surfaces deliberately shared by two concepts. Each pair is modelled (a confusable, or the same
 * written form for two genuinely different things that the hover must explain); add a line here,
 * with the reason, rather than letting a collision in silently.
 */
const INTENDED_SHARED_SURFACES: ReadonlyMap<string, string> = new Map([]);

describe('dictionary integrity (issue 14)', () => {
  it('resolves every class, target and regimen component to a concept of the right category', () => {
    const bad: string[] = [];
    for (const concept of concepts) {
      for (const id of concept.classes)
        if (dictionary.concepts.get(id)?.category !== 'drug-class') bad.push(`${concept.id}.classes → ${id}`);
      for (const id of concept.targets)
        if (dictionary.concepts.get(id)?.category !== 'target') bad.push(`${concept.id}.targets → ${id}`);
      for (const id of concept.components)
        if (dictionary.concepts.get(id)?.category !== 'drug') bad.push(`${concept.id}.components → ${id}`);
      for (const confusable of concept.confusableWith) {
        if (!dictionary.concepts.has(confusable.id)) bad.push(`${concept.id}.confusableWith → ${confusable.id}`);
        for (const id of confusable.context)
          if (!dictionary.concepts.has(id)) bad.push(`${concept.id}.confusableWith.context → ${id}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('maps no written form to two concepts unless the pair is listed as intended', () => {
    const owners = new Map<string, Set<string>>();
    for (const concept of concepts) {
      for (const surface of conceptSurfaces(concept, new Set())) {
        const key = surface.caseSensitive ? `=${surface.exactKey}` : `~${surface.key}`;
        (owners.get(key) ?? owners.set(key, new Set()).get(key)!).add(concept.id);
      }
    }
    // A case-insensitive form also collides with a case-sensitive one of the same letters.
    for (const [key, ids] of owners) {
      if (!key.startsWith('=')) continue;
      const folded = owners.get(`~${normaliseSurface(key.slice(1)).folded}`);
      if (folded) for (const id of folded) ids.add(id);
    }
    const shared = [...owners]
      .filter(([, ids]) => ids.size > 1)
      .map(([key, ids]) => `${key.slice(1)}: ${[...ids].sort().join(' + ')}`)
      .filter((line) => !INTENDED_SHARED_SURFACES.has(line.split(':')[0]!));
    expect(shared).toEqual([]);
  });

  it('dates every approval milestone and gives it a source', () => {
    const bad: string[] = [];
    for (const concept of concepts) {
      for (const milestone of concept.milestones) {
        const approval = /批准|获批|approv|withdr|撤/i.test(milestone.text.zh + milestone.text.en);
        if (approval && milestone.year === undefined) bad.push(`${concept.id}: undated "${milestone.text.en}"`);
        if (milestone.cite.length === 0) bad.push(`${concept.id}: no source for "${milestone.text.en}"`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("cites every entry, and every variant of the audit's outdated names", () => {
    for (const concept of concepts) expect(concept.cite.length, concept.id).toBeGreaterThan(0);
    const outdated = concepts.flatMap((concept) =>
      concept.variants.filter((variant) => variant.kind === 'outdated').map((variant) => ({ id: concept.id, variant })),
    );
    for (const { id, variant } of outdated)
      expect(variant.cite?.length ?? 0, `${id}: ${variant.text}`).toBeGreaterThan(0);
  });

  it('gives a drug only a Chinese name or a note saying why there is none', () => {
    const drugs = concepts.filter((concept: Concept) => concept.category === 'drug');
    for (const drug of drugs) expect(drug.zh !== undefined || drug.zhNote !== undefined, drug.id).toBe(true);
  });
});

/**
 * COUNT THRESHOLDS OF ISSUE 14 (500 concepts, 150 drugs). They depend on all three data branches (datamm:
 * myeloma; datalym: lymphoid; datamye: myeloid and cytotoxics). Once the lymphoid and myeloid files are
 * in data/terms, a ratchet holds the counts reached at the last full merge (raise FLOOR as data grows),
 * and the thresholds themselves are enforced as soon as they are met; until then they show as a todo
 * with the current numbers, so the gap stays visible without failing every branch.
 */
const ISSUE14 = { concepts: 500, drugs: 150 };
const FLOOR = { concepts: 612, drugs: 166 };
const files = readdirSync(TERMS_DIRECTORY);
const allDataBranchesMerged =
  files.some((file) => file.startsWith('lymphoid-')) &&
  files.some((file) => file.startsWith('myeloid-')) &&
  existsSync(join(TERMS_DIRECTORY, 'cytotoxic-drugs.yaml'));
const drugCount = concepts.filter((concept) => concept.category === 'drug').length;
const thresholdsMet = concepts.length >= ISSUE14.concepts && drugCount >= ISSUE14.drugs;

describe.skipIf(!allDataBranchesMerged)('issue 14 count thresholds (all data branches merged)', () => {
  it(`keeps at least the merged counts (${FLOOR.concepts} concepts, ${FLOOR.drugs} drugs)`, () => {
    expect(concepts.length).toBeGreaterThanOrEqual(FLOOR.concepts);
    expect(drugCount).toBeGreaterThanOrEqual(FLOOR.drugs);
  });
  if (thresholdsMet) {
    it(`has at least ${ISSUE14.concepts} concepts and ${ISSUE14.drugs} drugs, each drug with a Chinese name or a note why not`, () => {
      expect(concepts.length).toBeGreaterThanOrEqual(ISSUE14.concepts);
      expect(drugCount).toBeGreaterThanOrEqual(ISSUE14.drugs);
      for (const drug of concepts.filter((concept) => concept.category === 'drug'))
        expect(drug.zh !== undefined || drug.zhNote !== undefined, drug.id).toBe(true);
    });
  } else {
    it.todo(
      `NOT YET MET — issue 14 asks for ${ISSUE14.concepts} concepts and ${ISSUE14.drugs} drugs; the data has ${concepts.length} and ${drugCount}`,
    );
  }
});
