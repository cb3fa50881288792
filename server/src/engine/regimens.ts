import { componentKey, type Dictionary } from './dictionary/dictionary';
import type { RegimenMention, TermMatch } from './types';

/**
 * Words that join the drugs of one regimen written out in prose: 伊沙佐米联合来那度胺和地塞米松,
 * 硼替佐米 + 地塞米松 + 环磷酰胺, 泊马度胺和低剂量地塞米松. "或" (or) is deliberately absent: it
 * lists alternatives, not a combination.
 */
const CONNECTOR = /^(?:[\s+＋、，,/／]|联合使用|联合应用|联合|联用|合用|加用|加|和|与|及|以及|低剂量|小剂量|大剂量|高剂量)*$/u;

const MAX_GAP = 32;

/** Find regimens written as chains of their component drugs; a chain must name exactly the regimen's set. */
export function findRegimenMentions(text: string, matches: readonly TermMatch[], dictionary: Dictionary): RegimenMention[] {
  const mentions: RegimenMention[] = [];
  let chain: number[] = [];
  const flush = (): void => {
    if (chain.length >= 2) {
      const ids = chain.map((index) => matches[index]!.conceptId);
      const regimenIds = dictionary.regimensByComponents.get(componentKey(ids));
      const regimenId = regimenIds?.[0];
      if (regimenId) {
        const first = matches[chain[0]!]!;
        const last = matches[chain[chain.length - 1]!]!;
        mentions.push({ span: { start: first.span.start, end: last.span.end }, regimenId, matchIndices: chain });
      }
    }
    if (chain.length > 0) chain = [];
  };
  matches.forEach((match, index) => {
    const concept = dictionary.concepts.get(match.conceptId);
    if (!concept || concept.category !== 'drug') {
      flush();
      return;
    }
    const previous = chain[chain.length - 1];
    if (previous !== undefined) {
      const gapStart = matches[previous]!.span.end;
      // Connectors are a few characters; a long gap is prose, and not worth a regular expression.
      if (match.span.start - gapStart > MAX_GAP || !CONNECTOR.test(text.slice(gapStart, match.span.start))) flush();
    }
    chain.push(index);
  });
  flush();
  return mentions;
}
