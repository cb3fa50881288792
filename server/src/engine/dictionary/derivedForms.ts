import type { AcceptedKind, Category } from '../types';

/**
 * Forms the dictionary derives from a listed name by the rules of word formation writers follow, so that a name
 * written in one of them is recognised (hover, glossary) although no list names it. They are surfaces of role
 * `derived`: recognised like an accepted name, never a finding of their own, and they yield silently to any
 * other concept's form that is the same (build/sharedKeys.ts). Every rule is a regular pattern of the language,
 * never a list of names:
 *
 * - research codes: the other spellings of the letters and the number (PS-341, PS341, PS 341);
 * - drug classes, Chinese: the head 剂 / 药 / 药物 interchanged (烷化剂, 烷化药, 烷化药物), …类药物 also as …类
 *   (蒽环类); 第一代 also as 一代; 单克隆抗体 also as 单抗 and the other way, and an antibody named by its target
 *   (抗CD38单抗) also without 抗 and with 抗体;
 * - drug classes, English: the last word in the singular and the plural (inhibitor, inhibitors; antibody,
 *   antibodies); agent / drug / medication interchanged; "anti-X antibody" also as "X antibody", with or without
 *   "monoclonal";
 * - acids and their salts: 唑来膦酸 also as 唑来膦酸盐, 帕米膦酸二钠 also as 帕米膦酸 and 帕米膦酸盐; "zoledronic acid"
 *   also as "zoledronate";
 * - an antibody-drug conjugate also by its antibody's name alone (brentuximab vedotin, brentuximab).
 *
 * `kind`: the accepted kind of the source name (undefined for the standard and English names). Abbreviations,
 * brands and regimens derive nothing.
 */
export function derivedForms(text: string, category: Category, kind: AcceptedKind | undefined): string[] {
  if (kind === 'code') return codeSpellings(text);
  if (kind !== undefined && !DERIVING_KINDS.has(kind)) return [];
  const latin = /^[\x20-\x7e]+$/.test(text);
  let forms: string[] = [];
  if (category === 'drug-class') forms = latin ? englishClassForms(text) : chineseClassForms(text);
  else if (category === 'drug') forms = latin ? englishDrugForms(text) : chineseAcidForms(text);
  return [...new Set(forms)].filter((form) => form !== text);
}

const DERIVING_KINDS: ReadonlySet<AcceptedKind> = new Set(['synonym', 'english', 'regional', 'short-form', 'salt']);

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

/** The heads of a class name, in simplified and in traditional script (a Taiwan name keeps its script). */
const HEADS = [
  ['药物', '药', '剂'],
  ['藥物', '藥', '劑'],
];

function chineseClassForms(text: string): string[] {
  const out: string[] = [];
  const generation = /^第([一二三四五六])代(.{2,})$/u.exec(text);
  const names = generation ? [text, `${generation[1]}代${generation[2]}`] : [text];
  for (const name of names) {
    out.push(name);
    for (const heads of HEADS) {
      const head = heads.find((suffix) => name.endsWith(suffix));
      if (!head) continue;
      const base = name.slice(0, -head.length);
      // Heads are not stacked (烷化药剂 is no 烷化药 + 剂), and 制剂 (a preparation) is a word, not 制 + 剂 (抑制剂 is).
      if (
        [...base].length < 2 ||
        /(?<!抑)[制製]$/u.test(base) ||
        HEADS.some((family) => family.some((other) => base.endsWith(other)))
      )
        break;
      const classWord = /[类類]$/u.test(base);
      for (const other of heads) if (!(classWord && other === heads[2])) out.push(base + other);
      if (classWord && [...base].length >= 3) out.push(base);
      break;
    }
    const antibody = /^(抗?)(.+?)(单克隆抗体|单抗|抗体)$/u.exec(name);
    if (antibody) {
      const [, anti, target, noun] = antibody;
      // An antibody named by its target (抗CD38单抗): also without 抗 and with 抗体; others keep their 抗.
      const byTarget = anti === '抗' && /^[A-Za-z0-9-]+$/.test(target!);
      const prefixes = byTarget ? ['抗', ''] : [anti!];
      const nouns = byTarget ? ['单克隆抗体', '单抗', '抗体'] : noun === '抗体' ? [noun] : ['单克隆抗体', '单抗'];
      for (const prefix of prefixes) for (const other of nouns) out.push(prefix + target! + other);
    }
  }
  return out;
}

/** agent, drug and medication name a class alike. */
const SAME_HEAD = ['agent', 'drug', 'medication'];

function englishClassForms(text: string): string[] {
  const out: string[] = [];
  const antibody = /^(anti-)?(\S+) (monoclonal )?antibod(?:y|ies)$/i.exec(text);
  if (antibody && antibody[1]) {
    const target = antibody[2]!;
    for (const prefix of ['anti-', ''])
      for (const middle of ['', 'monoclonal '])
        for (const noun of ['antibody', 'antibodies']) out.push(`${prefix}${target} ${middle}${noun}`);
    return out;
  }
  const words = text.split(' ');
  const last = words[words.length - 1]!;
  if (!/^[a-z]{4,}$/i.test(last)) return out;
  const singular = singularOf(last);
  const heads = SAME_HEAD.includes(singular.toLowerCase()) && words.length > 1 ? SAME_HEAD : [singular];
  const stem = words.slice(0, -1).join(' ');
  for (const head of heads) for (const form of [head, pluralOf(head)]) out.push(stem ? `${stem} ${form}` : form);
  return out;
}

function singularOf(word: string): string {
  if (/ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/[^su]s$/i.test(word)) return word.slice(0, -1);
  return word;
}

/** The plural of an English noun (inhibitor → inhibitors, antibody → antibodies, class → classes). */
export function pluralOf(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return word.slice(0, -1) + 'ies';
  if (/(s|x|ch|sh)$/i.test(word)) return word + 'es';
  return word + 's';
}

function chineseAcidForms(text: string): string[] {
  const salt = /^(.{2,}酸)(二钠|钠|钾|钙|镁)$/u.exec(text);
  const acid = salt ? salt[1]! : /^.{2,}酸$/u.test(text) ? text : undefined;
  return acid ? [acid, `${acid}盐`] : [];
}

function englishDrugForms(text: string): string[] {
  const acid = /^([a-z]{3,})ic acid$/i.exec(text);
  if (acid) return [`${acid[1]}ate`];
  // An antibody-drug conjugate by its antibody's name (brentuximab for brentuximab vedotin).
  const conjugate = /^([a-z]{5,}mab) [a-z]+$/i.exec(text);
  return conjugate ? [conjugate[1]!] : [];
}
