import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import type { VariantKind } from '../types';

/**
 * Edits of a user's term file that keep its comments and layout (yaml's Document API): the code
 * actions "accept in the workspace" and "add as a variant" call these; the server writes the result.
 */
const HEADER = '# MedTerm workspace terms (format: data/schema/medterm-terms.schema.json in the MedTerm extension)\n';

function appendTo(raw: string, key: string, item: unknown, contains: (existing: unknown) => boolean): string {
  const document = parseDocument(raw.trim() === '' ? `${HEADER}{}` : raw);
  if (document.errors.length > 0)
    throw new Error(`the file has YAML errors; fix them first (${document.errors[0]!.message.split('\n')[0]})`);
  if (!isMap(document.contents)) throw new Error('the file is not a YAML mapping');
  let list = document.get(key, true);
  if (!isSeq(list)) {
    list = new YAMLSeq();
    document.set(key, list);
  }
  const sequence = list as YAMLSeq;
  if (!sequence.items.some((existing) => contains((existing as { toJSON?: () => unknown })?.toJSON?.() ?? existing)))
    sequence.add(document.createNode(item));
  if (document.contents.flow) document.contents.flow = false;
  return document.toString({ lineWidth: 0 });
}

export function addAcceptedText(raw: string, text: string): string {
  return appendTo(raw, 'accept', text, (existing) => existing === text);
}

export function addVariant(
  raw: string,
  addition: { concept: string; text: string; kind?: VariantKind; replaceWith?: string },
): string {
  const item = Object.fromEntries(
    Object.entries({
      concept: addition.concept,
      text: addition.text,
      kind: addition.kind ?? 'nonstandard-term',
      replaceWith: addition.replaceWith,
    }).filter(([, value]) => value !== undefined),
  );
  return appendTo(
    raw,
    'variants',
    item,
    (existing) =>
      (existing as { text?: unknown })?.text === addition.text &&
      (existing as { concept?: unknown }).concept === addition.concept,
  );
}
