import type { Analysis } from './analysis';
import type { Dictionary } from './dictionary/dictionary';
import { ACCEPTED_KIND, CATEGORY, ROUTE, formatCitation } from './labels';
import { formatMessage, pick, variantKindLabel } from './messages';
import { regionLabel, replacementFor } from './rules/nonstandard-name';
import { inScriptOf } from './text/script';
import type { Concept, Finding, Locale, Span, TermMatch } from './types';

export interface HoverResult {
  readonly span: Span;
  readonly markdown: string;
  readonly conceptId: string;
}

/** The term under `offset` (a match containing it), if any. */
export function matchAt(analysis: Analysis, offset: number): { match: TermMatch; index: number } | undefined {
  const { matches } = analysis;
  // Binary search: matches are sorted and do not overlap.
  let low = 0;
  let high = matches.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const match = matches[middle]!;
    if (offset < match.span.start) high = middle - 1;
    else if (offset >= match.span.end) low = middle + 1;
    else return { match, index: middle };
  }
  return undefined;
}

function name(concept: Concept | undefined, chinese: boolean, fallback: string): string {
  if (!concept) return fallback;
  return chinese ? (concept.zh ?? concept.en) : concept.en;
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
  const zh = locale === 'zh-cn';
  const paren = (text: string): string => (zh ? `（${text}）` : ` (${text})`);
  const lines: string[] = [];
  const variant = match.surface.variant;
  if (variant) {
    const replacement = inScriptOf(match.text, replacementFor(variant, concept));
    lines.push(
      `${formatMessage({ id: 'hover.nonstandard', params: { replacement } }, locale)} ${pick(variant.note, locale)}${paren(pick(variantKindLabel(variant.kind), locale))}`,
      '',
    );
  }
  const accepted = match.surface.accepted;
  if (accepted?.kind === 'regional' && accepted.regions && concept.zh) {
    const note = accepted.note ? ` ${pick(accepted.note, locale)}` : '';
    lines.push(
      `${formatMessage({ id: 'hover.regional', params: { region: regionLabel(accepted.regions), standard: concept.zh } }, locale)}${note}`,
      '',
    );
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

/** The card of a concept: names, category and class, mechanism, route, milestones, regimens, other names, corrections, sources. */
function conceptCard(
  analysis: Analysis,
  dictionary: Dictionary,
  concept: Concept,
  locale: Locale,
  index?: number,
): string[] {
  const zh = locale === 'zh-cn';
  // Punctuation follows the language of the card.
  const paren = (text: string): string => (zh ? `（${text}）` : ` (${text})`);
  const label = (zh_: string, en: string): string => (zh ? `${zh_}：` : `${en}: `);
  const lines: string[] = [];
  const title = concept.zh ? `**${concept.zh}** · ${concept.en}` : `**${concept.en}**`;
  lines.push(title);
  if (concept.zhNote) lines.push(`_${pick(concept.zhNote, locale)}_`);
  const classes = concept.classes.map((id) => name(dictionary.concepts.get(id), zh, id));
  lines.push([pick(CATEGORY[concept.category], locale), ...classes].join(' · '), '');
  const descriptive = concept.mechanism ?? concept.description;
  if (descriptive) lines.push(`${label('机制/说明', 'What it is')}${pick(descriptive, locale)}`);
  if (concept.targets.length > 0)
    lines.push(
      `${label('靶点', 'Targets')}${concept.targets.map((id) => name(dictionary.concepts.get(id), zh, id)).join('、')}`,
    );
  if (concept.route.length > 0)
    lines.push(
      `${label('给药途径', 'Route')}${concept.route.map((route) => (ROUTE[route] ? pick(ROUTE[route]!, locale) : route)).join('、')}`,
    );
  if (concept.category === 'regimen') {
    const parts = concept.components.map((id) => {
      const component = dictionary.concepts.get(id);
      return component ? (component.zh ? `${component.zh}${paren(component.en)}` : component.en) : id;
    });
    lines.push(`${label('组成', 'Components')}${parts.join(' + ')}`);
  }
  // Milestones are a list: a section of their own, or the lines after them would join the last item.
  if (concept.milestones.length > 0) lines.push('');
  for (const milestone of concept.milestones)
    lines.push(
      `- ${pick(milestone.text, locale)}${paren(milestone.cite.map((c) => formatCitation(c, zh)).join(zh ? '；' : '; '))}`,
    );
  if (concept.milestones.length > 0) lines.push('');
  const regimens = dictionary.regimensOf.get(concept.id) ?? [];
  if (regimens.length > 0) {
    const labels = regimens
      .map((id) => dictionary.concepts.get(id))
      .map((regimen) => regimen?.abbreviations[0] ?? regimen?.zh ?? '');
    lines.push(`${label('所属方案', 'Regimens')}${labels.filter(Boolean).join(zh ? '、' : ', ')}`);
  }
  const inMention =
    index === undefined ? undefined : analysis.regimenMentions.find((mention) => mention.matchIndices.includes(index));
  if (inMention) {
    const regimen = dictionary.concepts.get(inMention.regimenId);
    if (regimen)
      lines.push(
        `${zh ? '此处为方案' : 'Here part of'} **${regimen.abbreviations[0] ?? regimen.zh ?? regimen.en}**${paren(regimen.zh ?? regimen.en)}`,
      );
  }
  const others = [
    ...concept.abbreviations.map((text) => `${text}${paren(zh ? '缩写' : 'abbreviation')}`),
    ...concept.accepted.map(
      (accepted) =>
        `${accepted.text}${paren(pick(accepted.regions ? regionLabel(accepted.regions) : ACCEPTED_KIND[accepted.kind], locale))}`,
    ),
  ];
  if (others.length > 0) lines.push(`${label('其他名称', 'Other names')}${others.join(zh ? '、' : ', ')}`);
  if (concept.variants.length > 0)
    lines.push(
      `${label('非标准写法', 'Non-standard forms')}${concept.variants.map((v) => `~~${v.text}~~`).join(zh ? '、' : ', ')}`,
    );
  for (const correction of concept.corrections) {
    lines.push(
      `> ${zh ? '更正' : 'Correction'}${paren(formatCitation(correction.claim, zh))}${zh ? '：' : ': '}${pick(correction.correction, locale)} — ${correction.cite.map((c) => formatCitation(c, zh)).join(zh ? '；' : '; ')}`,
    );
  }
  lines.push('', `${label('出处', 'Sources')}${concept.cite.map((c) => formatCitation(c, zh)).join(zh ? '；' : '; ')}`);
  if (concept.origin.layer !== 'builtin') lines.push(`_${zh ? '来自' : 'from'} ${concept.origin.source}_`);
  return lines;
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
