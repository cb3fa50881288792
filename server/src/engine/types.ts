/**
 * Shared plain-data types of the MedTerm engine. Everything here is serialisable and free of
 * editor or protocol notions: spans are UTF-16 offsets into the analysed text (a JS string index,
 * which is also the LSP "character" unit); only server/src/convert.ts turns them into lines.
 */

/** A half-open range [start, end) of UTF-16 offsets into the original text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

import type { MessageId } from './messages';
import type { RuleId } from './rules';

export type { MessageId, RuleId };

export type Locale = 'zh-cn' | 'en';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export type Category =
  | 'drug'
  | 'drug-class'
  | 'target'
  | 'therapy'
  | 'product'
  | 'regimen'
  | 'disease'
  | 'outcome'
  | 'abbreviation'
  | 'organisation'
  | 'term';

/** A citation: a section (and reference numbers) of the seed review, or a named public source. */
export type Citation = { readonly review: string; readonly refs?: readonly number[] } | { readonly source: string };

export type AcceptedKind =
  | 'synonym'
  | 'short-form'
  | 'brand-cn'
  | 'brand-us'
  | 'brand'
  | 'code'
  | 'salt'
  | 'traditional'
  | 'english'
  | 'abbreviation'
  | 'informal-abbreviation'
  | 'related'
  | 'regional';

/** A Chinese-speaking region whose usual drug and disease names may differ from the mainland's (zh-CN). */
export type Region = 'zh-CN' | 'zh-TW' | 'zh-HK';

export interface AcceptedName {
  readonly text: string;
  readonly kind: AcceptedKind;
  /** With kind `regional`: where the name is the usual one. */
  readonly regions?: readonly Exclude<Region, 'zh-CN'>[];
  readonly note?: Bilingual;
  readonly cite?: readonly Citation[];
}

export type VariantKind =
  | 'nonstandard-transliteration'
  | 'nonstandard-term'
  | 'nonstandard-character'
  | 'outdated'
  | 'typo'
  | 'misnomer'
  | 'letter-case';

export interface Variant {
  readonly text: string;
  readonly kind: VariantKind;
  readonly replaceWith?: string;
  readonly note: Bilingual;
  readonly cite?: readonly Citation[];
  /** The correction is offered as a suggestion only, never applied automatically (prh rules MedTerm cannot vouch for). */
  readonly suggestionOnly?: boolean;
  /** Where a user's file wrote it, when that is not an entry of its own (a prh rule): path and 0-based position. */
  readonly at?: { readonly path: string; readonly line?: number; readonly column?: number };
}

export interface Confusable {
  /** The concept usually meant instead. */
  readonly id: string;
  /** Concept ids whose presence nearby shows the other concept is meant. */
  readonly context: readonly string[];
  readonly reason: Bilingual;
}

export interface Statement {
  readonly year?: number;
  readonly text: Bilingual;
  readonly cite: readonly Citation[];
}

export interface Correction {
  readonly claim: Citation;
  readonly correction: Bilingual;
  readonly cite: readonly Citation[];
}

export type Example = { readonly from: string; readonly to: string } | { readonly accept: string };

/** Where a concept was defined: which layer and which file. */
export interface Origin {
  readonly layer: LayerKind;
  readonly source: string;
}

export type LayerKind = 'builtin' | 'user' | 'workspace';

/** One concept of the dictionary: a drug, class, target, regimen, abbreviation… */
export interface Concept {
  readonly id: string;
  readonly category: Category;
  readonly zh?: string;
  readonly zhNote?: Bilingual;
  readonly en: string;
  readonly abbreviations: readonly string[];
  readonly accepted: readonly AcceptedName[];
  readonly variants: readonly Variant[];
  readonly confusableWith: readonly Confusable[];
  readonly classes: readonly string[];
  readonly targets: readonly string[];
  readonly components: readonly string[];
  readonly description?: Bilingual;
  readonly mechanism?: Bilingual;
  readonly route: readonly string[];
  readonly milestones: readonly Statement[];
  readonly corrections: readonly Correction[];
  readonly cite: readonly Citation[];
  readonly examples: readonly Example[];
  readonly origin: Origin;
}

/** How a surface form relates to its concept. */
/**
 * `derived`: a form the dictionary writes itself from a listed name by a rule of word formation (surfaces.ts:
 * PS341 from PS-341, 烷化药 from 烷化剂, alkylating drugs from alkylating agent); recognised like an accepted
 * name, but it yields, silently, to any other concept's form that is the same.
 */
export type SurfaceRole = 'standard' | 'english' | 'accepted' | 'abbreviation' | 'variant' | 'derived';

/** One matchable written form of a concept. */
export interface Surface {
  readonly text: string;
  /** The text as the matcher folds it (set when the dictionary is built): the key for comparing forms. */
  readonly key?: string;
  /** The same with letter case kept (for case-sensitive surfaces). */
  readonly exactKey?: string;
  readonly conceptId: string;
  readonly role: SurfaceRole;
  /** Abbreviations and letter-case variants match case-sensitively; names do not. */
  readonly caseSensitive: boolean;
  /** The accepted name (for `derived`: the accepted name it was derived from, if any). */
  readonly accepted?: AcceptedName;
  readonly variant?: Variant;
}

/** A problem found while loading a dictionary file. */
export interface DictionaryProblem {
  readonly source: string;
  /** JSON-pointer-like path, e.g. entries[12].variants[0].kind */
  readonly path: string;
  readonly message: string;
  /** 0-based line and UTF-16 column in the file, when known. */
  readonly line?: number;
  readonly column?: number;
  readonly span?: Span;
  readonly severity: 'error' | 'warning';
}

/** A text edit on the analysed text. */
export interface Edit {
  readonly span: Span;
  readonly newText: string;
}

/** Safe fixes are unambiguous and keep the meaning (fix-all applies them); suggestions need a human. */
export type FixTier = 'safe' | 'suggestion';

export interface Fix {
  readonly tier: FixTier;
  readonly title: Message;
  readonly edits: readonly Edit[];
  /** "replace all in this document" style fixes */
  readonly scope?: 'occurrence' | 'document';
}

/** A message's parameters; Bilingual parameters are rendered in the message's locale. */
export type MessageParams = Readonly<Record<string, string | number | Bilingual>>;

/** A message by id (a key of a message table: a misspelt id does not compile) with parameters; rendered per locale by formatMessage. */
export interface Message {
  readonly id: MessageId;
  readonly params?: MessageParams;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedLocation {
  readonly span: Span;
  readonly message: Message;
  /** Another document (workspace consistency); absent = same document. */
  readonly uri?: string;
  /** In another document, where the span's line and character are already known. */
  readonly range?: {
    readonly start: { line: number; character: number };
    readonly end: { line: number; character: number };
  };
}

export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: Message;
  readonly conceptId?: string;
  readonly fixes: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
}

/** A recognised term in the text. */
export interface TermMatch {
  readonly span: Span;
  readonly text: string;
  readonly surface: Surface;
  readonly conceptId: string;
}

/** A regimen written out as its component drugs joined by connectors (伊沙佐米联合来那度胺和地塞米松). */
export interface RegimenMention {
  readonly span: Span;
  readonly regimenId: string;
  /** Indices into Analysis.matches of the component drug matches. */
  readonly matchIndices: readonly number[];
}
