import { REGION } from '../labels';
import { normaliseSurface } from '../text/matchText';
import type { Bilingual, Concept, Region, TermMatch, Variant } from '../types';

/**
 * Helpers that a rule and an editor feature (hover, the workspace's cross-file check) both use: they live here,
 * not in a rule's file, so that a rule module is only a rule (ESLint keeps its helpers in lib/rules/utils).
 */

/** The text a variant should become: its own replaceWith, else the concept's standard name in the variant's script. */
export function replacementFor(variant: Variant, concept: Concept): string {
  if (variant.replaceWith) return variant.replaceWith;
  const latin = /^[\x20-\x7e]+$/.test(variant.text);
  return latin ? concept.en : (concept.zh ?? concept.en);
}

/** Where a regional name is used, in both languages: 台湾地区、香港地区 / Taiwan and Hong Kong. */
export function regionLabel(regions: readonly Region[]): Bilingual {
  const labels = regions.map((region) => REGION[region]);
  return { zh: labels.map((label) => label.zh).join('、'), en: labels.map((label) => label.en).join(' and ') };
}

interface Form {
  readonly text: string;
  readonly standard: boolean;
  readonly matches: TermMatch[];
}

/** Group a document's uses of each concept by written form (standard name and synonyms only). */
export function formsByConcept(matches: readonly TermMatch[]): Map<string, Map<string, Form>> {
  const byConcept = new Map<string, Map<string, Form>>();
  for (const match of matches) {
    const { surface } = match;
    const counted =
      surface.role === 'standard' || (surface.role === 'accepted' && surface.accepted?.kind === 'synonym');
    if (!counted) continue;
    const key = surface.key ?? normaliseSurface(surface.text).folded;
    const forms = byConcept.get(match.conceptId) ?? byConcept.set(match.conceptId, new Map()).get(match.conceptId)!;
    const form =
      forms.get(key) ??
      forms.set(key, { text: surface.text, standard: surface.role === 'standard', matches: [] }).get(key)!;
    form.matches.push(match);
  }
  return byConcept;
}

/**
 * The majority form; a tie goes to the standard name, then to the form met first. In a document and across a
 * workspace's files (engine/workspace.ts) alike.
 */
export function preferredForm<T extends { readonly standard: boolean }>(
  forms: Iterable<T>,
  count: (form: T) => number,
): T {
  let best: T | undefined;
  for (const form of forms) {
    if (!best || count(form) > count(best) || (count(form) === count(best) && form.standard && !best.standard)) {
      best = form;
    }
  }
  return best!;
}
