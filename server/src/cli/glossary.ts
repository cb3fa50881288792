import { relative } from 'node:path';
import { say } from './messages';
import { spanToLineColumn } from '../convert';
import { docxPosition } from '../docxReport';
import { isAbbreviationSurface, type Dictionary, type Locale } from '../engine';
import type { FileReport } from './report';

export interface GlossaryRow {
  readonly abbreviation: string;
  readonly zh: string;
  readonly en: string;
  readonly conceptId: string;
  readonly firstUse: string;
}

/** Rules whose finding says the written form is wrong: such a form is not offered for the glossary (W12). */
const FLAGGING_RULES = new Set(['nonstandard-name', 'confusable-term']);

/**
 * The 缩略语表 journals ask for: the abbreviations a manuscript uses, alphabetically, with the Chinese and
 * English names (a regimen's English is its expansion, not the abbreviation again). `allTerms` adds the
 * other terms used, by name. A form that lint flags is never a glossary row.
 */
export function glossaryRows(
  reports: readonly FileReport[],
  dictionary: Dictionary,
  cwd: string,
  allTerms: boolean,
  locale: Locale,
): GlossaryRow[] {
  const first = new Map<string, { file: string; line: number | string; abbreviation?: string }>();
  for (const report of reports) {
    const flagged = new Set(
      report.analysis.findings
        .filter((finding) => FLAGGING_RULES.has(finding.ruleId))
        .map((finding) => `${finding.span.start}:${finding.span.end}`),
    );
    for (const match of report.analysis.matches) {
      const concept = dictionary.concepts.get(match.conceptId);
      if (!concept || flagged.has(`${match.span.start}:${match.span.end}`)) continue;
      // Not isAbbreviationSurface: an informal abbreviation (慢淋, 急淋) must be defined where used, but it is not what
      // a journal's 缩略语表 lists, so it never heads a glossary row.
      const abbreviation =
        isAbbreviationSurface(match.surface) && match.surface.accepted?.kind !== 'informal-abbreviation'
          ? match.surface.text
          : undefined;
      const existing = first.get(concept.id);
      if (existing) {
        if (!existing.abbreviation && abbreviation) first.set(concept.id, { ...existing, abbreviation });
        continue;
      }
      const where = report.docx
        ? docxPosition(report.docx, match.span, locale).label
        : spanToLineColumn(report.document, match.span).line;
      first.set(concept.id, { file: relative(cwd, report.file), line: where, abbreviation });
    }
  }
  return [...first.entries()]
    .map(([id, use]): GlossaryRow => {
      const concept = dictionary.concepts.get(id)!;
      const abbreviation = use.abbreviation ?? concept.abbreviations[0] ?? '';
      return {
        abbreviation,
        zh: concept.zh ?? '',
        en: expansionOf(concept.en, abbreviation),
        conceptId: id,
        firstUse: `${use.file}:${use.line}`,
      };
    })
    .filter((row) => allTerms || row.abbreviation !== '')
    .sort(
      (a, b) =>
        Number(!a.abbreviation) - Number(!b.abbreviation) ||
        a.abbreviation.localeCompare(b.abbreviation, 'en') ||
        (a.zh || a.en).localeCompare(b.zh || b.en, 'zh'),
    );
}

/** "DRd (daratumumab + lenalidomide + dexamethasone)" → "daratumumab + lenalidomide + dexamethasone" in the DRd row. */
function expansionOf(en: string, abbreviation: string): string {
  if (!abbreviation || !en.startsWith(`${abbreviation} (`) || !en.endsWith(')')) return en;
  return en.slice(abbreviation.length + 2, -1);
}

export function glossaryTable(rows: readonly GlossaryRow[], locale: Locale): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const header = say('cli.glossaryHeader', locale);
  const lines = [header, '| --- | --- | --- | --- |'];
  for (const row of rows)
    lines.push(`| ${escape(row.abbreviation)} | ${escape(row.zh)} | ${escape(row.en)} | ${escape(row.firstUse)} |`);
  return lines.join('\n');
}
