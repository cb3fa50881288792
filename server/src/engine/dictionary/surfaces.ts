import { normaliseSurface } from '../text/matchText';
import type { AcceptedName, Concept, Surface, Variant } from '../types';
import { derivedForms } from './derivedForms';

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
  }
  // Last, so that a form the data lists is never shadowed by one derived from another of the concept's names.
  // (A regimen's names derive nothing: derivedForms knows drugs and classes only.)
  for (const name of concept.zh ? [concept.zh, concept.en] : [concept.en])
    for (const form of derivedForms(name, concept.category, undefined))
      add(form, 'derived', false, undefined, undefined);
  for (const acceptedName of concept.accepted)
    for (const form of derivedForms(acceptedName.text, concept.category, acceptedName.kind))
      add(form, 'derived', false, undefined, acceptedName);
  return surfaces;
}
