import { componentKey, type Dictionary } from './dictionary/dictionary';
import type { RegimenMention, TermMatch } from './types';

/**
 * Words that join the drugs of one regimen written out in prose: 伊沙佐米联合来那度胺和地塞米松,
 * 硼替佐米 + 地塞米松 + 环磷酰胺, 泊马度胺和低剂量地塞米松. "或" (or) is deliberately absent: it
 * lists alternatives, not a combination.
 */
const CONNECTOR =
  /^(?:[\s+＋、，,/／]|联合使用|联合应用|联合|联用|合用|加用|加|和|与|及|以及|低剂量|小剂量|大剂量|高剂量)*$/u;

/** One-character connectors, tested without a regular expression (most gaps in a chain are one of these or empty). */
const SINGLE_CONNECTORS = new Set([...' +＋、，,/／和与及加'].map((char) => char.charCodeAt(0)));

const MAX_GAP = 32;

const NOT_DRUG = 0;
const LONE_DRUG = 1;
const IN_REGIMEN = 2;

function isConnector(text: string, start: number, end: number): boolean {
  if (end === start) return true;
  if (end - start === 1 && SINGLE_CONNECTORS.has(text.charCodeAt(start))) return true;
  return CONNECTOR.test(text.slice(start, end));
}

/** Find regimens written as chains of their component drugs; a chain must name exactly the regimen's set. */
export function findRegimenMentions(
  text: string,
  matches: readonly TermMatch[],
  dictionary: Dictionary,
): RegimenMention[] {
  const mentions: RegimenMention[] = [];
  // Per surface (matches of one form share one object: an identity lookup): NOT_DRUG, a drug in no regimen
  // (a chain holding one names no regimen), or a drug some regimen lists.
  const kinds = new Map<object, number>();
  // Chains repeat (a document names the same combination many times): the regimen per chain, in written order.
  const regimenOfChain = new Map<string, string | undefined>();
  let chain: number[] = [];
  let complete = true;
  const flush = (): void => {
    if (chain.length >= 2 && complete) {
      const ids = chain.map((index) => matches[index]!.conceptId);
      const written = ids.join('\u0000');
      let regimenId = regimenOfChain.get(written);
      if (regimenId === undefined && !regimenOfChain.has(written)) {
        regimenId = dictionary.regimensByComponents.get(componentKey(ids))?.[0];
        regimenOfChain.set(written, regimenId);
      }
      if (regimenId) {
        const first = matches[chain[0]!]!;
        const last = matches[chain[chain.length - 1]!]!;
        mentions.push({ span: { start: first.span.start, end: last.span.end }, regimenId, matchIndices: chain });
      }
    }
    if (chain.length > 0) chain = [];
    complete = true;
  };
  for (let index = 0; index < matches.length; index++) {
    const match = matches[index]!;
    let kind = kinds.get(match.surface);
    if (kind === undefined) {
      const drug = dictionary.concepts.get(match.conceptId)?.category === 'drug';
      kind = !drug ? NOT_DRUG : dictionary.regimensOf.has(match.conceptId) ? IN_REGIMEN : LONE_DRUG;
      kinds.set(match.surface, kind);
    }
    if (kind === NOT_DRUG) {
      flush();
      continue;
    }
    const previous = chain[chain.length - 1];
    if (previous !== undefined) {
      const gapStart = matches[previous]!.span.end;
      // Connectors are a few characters; a long gap is prose, and not worth a regular expression.
      if (match.span.start - gapStart > MAX_GAP || !isConnector(text, gapStart, match.span.start)) flush();
    }
    chain.push(index);
    if (kind === LONE_DRUG) complete = false;
  }
  flush();
  return mentions;
}
