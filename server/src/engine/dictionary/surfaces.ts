import { normaliseSurface } from '../text/matchText';
import type { AcceptedName, Concept, Surface, Variant } from '../types';

/**
 * The surfaces (matchable written forms) of one concept, in the order the dictionary considers them:
 * standard Chinese name, English name, abbreviations, variants, accepted names; a form repeated within the
 * concept is kept once. Shared by the object dictionary and by packed layers (dictionary/packed.ts), which
 * store this list per entry, so both give the same surfaces.
 *
 * `accepted`: folded texts the workspace accepts; a variant among them is recognised as an accepted form.
 */
export function conceptSurfaces(concept: Concept, accepted: ReadonlySet<string>): Surface[] {
  const surfaces: Surface[] = [];
  const id = concept.id;
  // Object literals of one shape (no spreads, no freezing): large dictionaries make hundreds of thousands.
  const add = (
    text: string,
    role: Surface['role'],
    caseSensitive: boolean,
    variant: Variant | undefined,
    acceptedName: AcceptedName | undefined,
  ): void => {
    const key = normaliseSurface(text);
    for (const other of surfaces) {
      // A surface's identity: its folded key, or its exact key when it is case-sensitive.
      if (
        other.caseSensitive === caseSensitive &&
        (caseSensitive ? other.exactKey === key.exact : other.key === key.folded)
      )
        return;
    }
    surfaces.push({
      text,
      key: key.folded,
      exactKey: key.exact,
      conceptId: id,
      role,
      caseSensitive,
      accepted: acceptedName,
      variant,
    });
  };
  if (concept.zh && concept.category !== 'regimen') add(concept.zh, 'standard', false, undefined, undefined);
  if (concept.category !== 'regimen') add(concept.en, 'english', false, undefined, undefined);
  for (const abbreviation of concept.abbreviations) add(abbreviation, 'abbreviation', true, undefined, undefined);
  // Variants before accepted names: a workspace may declare one of its concept's own synonyms non-standard.
  for (const variant of concept.variants) {
    // A variant the workspace accepts is still recognised (hover), but as an accepted form.
    if (accepted.size > 0 && accepted.has(normaliseSurface(variant.text).folded))
      add(variant.text, 'accepted', false, undefined, { text: variant.text, kind: 'related' });
    else add(variant.text, 'variant', variant.kind === 'letter-case', variant, undefined);
  }
  for (const acceptedName of concept.accepted) {
    const caseSensitive = acceptedName.kind === 'abbreviation' || acceptedName.kind === 'informal-abbreviation';
    add(acceptedName.text, 'accepted', caseSensitive, undefined, acceptedName);
    if (acceptedName.kind === 'code')
      for (const spelling of codeSpellings(acceptedName.text))
        add(spelling, 'accepted', false, undefined, acceptedName);
  }
  return surfaces;
}

/**
 * The other ways a research code is written: with a hyphen, a space or nothing between its letters and its number
 * (PS-341, PS 341, PS341; MLN9708, MLN-9708; AMG 531). Only for codes that start with two letters or more and then a
 * digit, so that a single letter (A-56268) or a code that starts with a digit (2F-ara-A) keeps its one spelling.
 */
export function codeSpellings(code: string): string[] {
  const parts = /^([A-Za-z]{2,})[- ]?(\d[A-Za-z0-9-]*)$/.exec(code);
  if (!parts) return [];
  const [, letters, rest] = parts;
  return [`${letters}${rest}`, `${letters}-${rest}`, `${letters} ${rest}`].filter((spelling) => spelling !== code);
}
