import type { Analysis } from './analysis';
import type { Dictionary } from './dictionary/dictionary';
import { ACCEPTED_KIND, CATEGORY, ROUTE, VARIANT_KIND } from './labels';
import { bilingualMessage, formatMessage, pick, type MessageId } from './messages';
import { message, type ArgumentsOf } from './messageFormat';
import { regionLabel, replacementFor } from './rules/shared';
import { inScriptOf } from './text/script';
import type { Bilingual, Citation, Concept, Finding, Locale, Span, TermMatch } from './types';
import { firstIndexWhere } from './collections';

export interface HoverResult {
  readonly span: Span;
  readonly markdown: string;
  readonly conceptId: string;
}

/** The term under `offset` (a match containing it), if any. */
export function matchAt(analysis: Analysis, offset: number): { match: TermMatch; index: number } | undefined {
  const { matches } = analysis;
  // Matches are sorted and do not overlap: the first that ends after the offset is the only one that can hold it.
  const index = firstIndexWhere(matches.length, (k) => matches[k]!.span.end > offset);
  const match = matches[index];
  return match !== undefined && match.span.start <= offset ? { match, index } : undefined;
}

/** A concept's name in a locale: Chinese where it has one, else English; its id if it is unknown. */
function name(concept: Concept | undefined, locale: Locale, fallback: string): string {
  if (!concept) return fallback;
  return pick({ zh: concept.zh ?? concept.en, en: concept.en }, locale);
}

/** A compact Markdown card: standard name, English, category and class, mechanism, route, milestones, regimens, other names, corrections, sources. */
export function hoverAt(
  analysis: Analysis,
  dictionary: Dictionary,
  offset: number,
  locale: Locale,
): HoverResult | undefined {
  // A near miss (伊莎佐米, which may hold a recognised 单抗 or proteasome) is hovered as the name it is near.
  const miss = analysis.findings.find(
    (finding) => NEAR_MISS_RULES.has(finding.ruleId) && finding.span.start <= offset && offset < finding.span.end,
  );
  if (miss) return nearMissHover(analysis, dictionary, miss, locale);
  const found = matchAt(analysis, offset);
  if (!found) return undefined;
  const { match, index } = found;
  const concept = dictionary.concepts.get(match.conceptId);
  if (!concept) return undefined;
  const lines: string[] = [];
  const variant = match.surface.variant;
  if (variant) {
    const replacement = inScriptOf(match.text, replacementFor(variant, concept));
    const params = { replacement, note: variant.note, kind: VARIANT_KIND[variant.kind] };
    lines.push(formatMessage(message('hover.nonstandard', params), locale), '');
  }
  const accepted = match.surface.accepted;
  if (accepted?.kind === 'regional' && accepted.regions && concept.zh) {
    const params = { region: regionLabel(accepted.regions), standard: concept.zh, note: accepted.note ?? '' };
    lines.push(formatMessage(message('hover.regional', params), locale), '');
  }
  lines.push(...conceptCard(analysis, dictionary, concept, locale, index));
  return { span: match.span, markdown: compact(lines), conceptId: concept.id };
}

const NEAR_MISS_RULES = new Set(['near-miss-name', 'unknown-drug-name']);

/** "Did you mean …?" and why, over the candidate's card; for an unknown drug-like word, what its stem means. */
function nearMissHover(
  analysis: Analysis,
  dictionary: Dictionary,
  finding: Finding,
  locale: Locale,
): HoverResult | undefined {
  const params = finding.message.params ?? {};
  const lines: string[] = [];
  let conceptId = finding.conceptId;
  if (finding.ruleId === 'near-miss-name') {
    lines.push(
      formatMessage(
        { id: 'hover.nearMiss', params: { candidate: params.candidate ?? '', why: params.why ?? '' } },
        locale,
      ),
      '',
    );
  } else {
    lines.push(formatMessage({ id: 'hover.unknownDrug', params }, locale), '');
    conceptId = typeof params.classId === 'string' ? params.classId : undefined;
  }
  const concept = conceptId ? dictionary.concepts.get(conceptId) : undefined;
  if (concept) lines.push(...conceptCard(analysis, dictionary, concept, locale));
  return { span: finding.span, markdown: compact(lines), conceptId: concept?.id ?? '' };
}

/** Lines of a card in a locale: messages, lists in the punctuation of the language, sources. */
interface CardWriter {
  say<Id extends MessageId>(id: Id, ...params: ArgumentsOf<Id>): string;
  /** A name with what it is: 卡非佐米（carfilzomib）, KRd (abbreviation). */
  named(text: string, note: string | Bilingual): string;
  /** Items joined with 、 or , (or a list of citations, with ； or ;). */
  list(items: readonly string[], id?: 'hover.list' | 'hover.citations'): string;
  sources(citations: readonly Citation[]): string;
  name(id: string): string;
}

function cardWriter(dictionary: Dictionary, locale: Locale): CardWriter {
  const say = <Id extends MessageId>(id: Id, ...params: ArgumentsOf<Id>): string =>
    formatMessage(message(id, ...params), locale);
  const list = (items: readonly string[], id: 'hover.list' | 'hover.citations' = 'hover.list'): string =>
    items.length === 0 ? '' : items.reduce((joined, item) => say(id, { items: joined, item }));
  return {
    say,
    list,
    named: (text, note) => say('hover.named', { text, note }),
    sources: (citations) =>
      list(
        citations.map((citation) => formatCitation(citation, locale)),
        'hover.citations',
      ),
    name: (id) => name(dictionary.concepts.get(id), locale, id),
  };
}

/** The card of a concept: names, category and class, mechanism, route, milestones, regimens, other names, corrections, sources. */
function conceptCard(
  analysis: Analysis,
  dictionary: Dictionary,
  concept: Concept,
  locale: Locale,
  index?: number,
): string[] {
  const card = cardWriter(dictionary, locale);
  const { say, named, sources } = card;
  const lines: string[] = [];
  const title = concept.zh ? `**${concept.zh}** · ${concept.en}` : `**${concept.en}**`;
  lines.push(title);
  if (concept.zhNote) lines.push(`_${pick(concept.zhNote, locale)}_`);
  lines.push([pick(CATEGORY[concept.category], locale), ...concept.classes.map(card.name)].join(' · '), '');
  const descriptive = concept.mechanism ?? concept.description;
  if (descriptive) lines.push(say('hover.mechanism', { text: descriptive }));
  // Targets and routes are listed with 、 in both languages.
  if (concept.targets.length > 0) lines.push(say('hover.targets', { list: concept.targets.map(card.name).join('、') }));
  if (concept.route.length > 0)
    lines.push(
      say('hover.route', {
        list: concept.route.map((route) => (ROUTE[route] ? pick(ROUTE[route]!, locale) : route)).join('、'),
      }),
    );
  if (concept.category === 'regimen') {
    const parts = concept.components.map((id) => {
      const component = dictionary.concepts.get(id);
      return component ? (component.zh ? named(component.zh, component.en) : component.en) : id;
    });
    lines.push(say('hover.components', { list: parts.join(' + ') }));
  }
  // Milestones are a list: a section of their own, or the lines after them would join the last item.
  if (concept.milestones.length > 0) lines.push('');
  for (const milestone of concept.milestones)
    lines.push(say('hover.milestone', { text: milestone.text, sources: sources(milestone.cite) }));
  if (concept.milestones.length > 0) lines.push('');
  lines.push(...regimenLines(analysis, dictionary, concept, card, index), ...otherNameLines(concept, card));
  for (const correction of concept.corrections) {
    lines.push(
      say('hover.correction', {
        claim: formatCitation(correction.claim, locale),
        text: correction.correction,
        sources: sources(correction.cite),
      }),
    );
  }
  lines.push('', say('hover.sources', { list: sources(concept.cite) }));
  if (concept.origin.layer !== 'builtin') lines.push(say('hover.origin', { source: concept.origin.source }));
  return lines;
}

/** The regimens a drug belongs to, and the regimen that the written-out chain at `index` forms. */
function regimenLines(
  analysis: Analysis,
  dictionary: Dictionary,
  concept: Concept,
  { say, list }: CardWriter,
  index: number | undefined,
): string[] {
  const lines: string[] = [];
  const regimens = dictionary.regimensOf.get(concept.id) ?? [];
  if (regimens.length > 0) {
    const labels = regimens
      .map((id) => dictionary.concepts.get(id))
      .map((regimen) => regimen?.abbreviations[0] ?? regimen?.zh ?? '');
    lines.push(say('hover.regimens', { list: list(labels.filter(Boolean)) }));
  }
  const inMention =
    index === undefined ? undefined : analysis.regimenMentions.find((mention) => mention.matchIndices.includes(index));
  const regimen = inMention && dictionary.concepts.get(inMention.regimenId);
  if (regimen)
    lines.push(
      say('hover.inRegimen', {
        regimen: regimen.abbreviations[0] ?? regimen.zh ?? regimen.en,
        name: regimen.zh ?? regimen.en,
      }),
    );
  return lines;
}

/** Abbreviations and accepted names with what each is, then the non-standard forms. */
function otherNameLines(concept: Concept, { say, named, list }: CardWriter): string[] {
  const lines: string[] = [];
  const others = [
    ...concept.abbreviations.map((text) => named(text, ACCEPTED_KIND.abbreviation)),
    ...concept.accepted.map((accepted) =>
      named(accepted.text, accepted.regions ? regionLabel(accepted.regions) : ACCEPTED_KIND[accepted.kind]),
    ),
  ];
  if (others.length > 0) lines.push(say('hover.otherNames', { list: list(others) }));
  if (concept.variants.length > 0)
    lines.push(say('hover.variants', { list: list(concept.variants.map((variant) => `~~${variant.text}~~`)) }));
  return lines;
}

/** A citation: a section of the review with its reference numbers, or the source as written. */
function formatCitation(citation: Citation, locale: Locale): string {
  if (!('review' in citation)) return citation.source;
  const section = citation.review === 'abstract' ? bilingualMessage({ id: 'hover.abstract' }) : `§${citation.review}`;
  const refs = citation.refs && citation.refs.length > 0 ? ` [${citation.refs.join(', ')}]` : '';
  return formatMessage(message('hover.citation', { section, refs }), locale);
}

/**
 * Lines of one section are joined with Markdown hard breaks (two spaces, newline) so the card stays
 * compact in a hover widget; an empty line starts a new section (a paragraph).
 */
function compact(lines: readonly string[]): string {
  const sections: string[][] = [[]];
  for (const line of lines) {
    if (line === '') sections.push([]);
    else if (line.startsWith('> ')) sections.push([line], []);
    else sections[sections.length - 1]!.push(line);
  }
  return sections
    .filter((section) => section.length > 0)
    .map((section) => section.join('  \n'))
    .join('\n\n');
}
