import { CORE_SCHEMA, load } from 'js-yaml';
import type { LayerKind } from '../types';
import { parseDictionary, type ParsedLayerFile } from './parse';
import { isPrhDocument, parsePrh, type ParsedPrhFile } from './prh';

/** Read a user's term file in either format: MedTerm's own (entries/accept/variants) or prh.yml. */
export function parseTermFile(
  raw: string,
  source: string,
  layer: LayerKind,
  options: { allowPatterns: boolean },
): ParsedLayerFile | ParsedPrhFile {
  let value: unknown;
  try {
    value = load(raw.replace(/^\ufeff/, ''), { schema: CORE_SCHEMA });
  } catch {
    // Syntax errors are reported, with positions, by the MedTerm parser.
    return parseDictionary(raw, source, layer);
  }
  // Parsed once: the value read to tell the formats apart is the one the MedTerm parser validates.
  return isPrhDocument(value) ? parsePrh(raw, source, layer, options) : parseDictionary(raw, source, layer, { value });
}
