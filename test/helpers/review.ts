import { review } from './dictionary';

/**
 * The seed review split into its sections: "abstract" (摘要 and Abstract) and numbered headings
 * such as "2.3. 伊沙佐米". A citation of "2" covers 2 and its subsections.
 */
export function reviewSections(): Map<string, string> {
  const text = review();
  const headings = [...text.matchAll(/^\s*(\d+(?:\.\d+)*)\.\s+\S/gm)].map((match) => ({
    id: match[1]!,
    index: match.index ?? 0,
  }));
  const sections = new Map<string, string>();
  sections.set('abstract', text.slice(0, headings[0]?.index ?? text.length));
  headings.forEach((heading, position) => {
    const end =
      headings.slice(position + 1).find((next) => !next.id.startsWith(`${heading.id}.`))?.index ?? text.length;
    sections.set(heading.id, text.slice(heading.index, end));
  });
  return sections;
}
