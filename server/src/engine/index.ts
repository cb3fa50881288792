/**
 * The MedTerm engine: pure functions from text and data to plain data. No editor, protocol or
 * Node imports (a test scans for them): the language server, the CLI and the tests all drive this.
 */
export { analyze, type Analysis, type AnalysisOptions, type RuleSetting } from './analysis';
export { complete, prepareCompletion, type RegimenInsert } from './completion';
export { buildDictionary, isAbbreviationSurface, type Dictionary } from './dictionary/dictionary';
export { addAcceptedText, addVariant } from './dictionary/edit';
export { NotAPackError, PACK_HEADER_BYTES, PACK_VERSION, PackedLayer, packJsonOffset } from './dictionary/packed';
export { cachedFormOf, isCachedForm, layerFromCached, type CachedTermFile } from './dictionary/cachedForm';
export { layerFromChecked, layerFromPacked, parseDictionary, type ParsedLayerFile } from './dictionary/parse';
export { ignoresRule, parsePrh, withoutPrhRules, type ParsedPrhFile } from './dictionary/prh';
export { checkSpecs } from './dictionary/specs';
export { formatProblem, sortProblems } from './dictionary/problems';
export { parseTermFile } from './dictionary/termFile';
export { applyEdits, fixAllSafe, safeEdits } from './fixes';
export { hoverAt, type HoverResult } from './hover';
export { REGION_SETTINGS, declaredRegion, documentRegion, mostlyTraditional, type RegionSetting } from './region';
export { formatMessage, hasMessage, resolveLocale } from './messages';
export { message } from './messageFormat';
export { RULES, RULE_IDS, ruleSetting } from './rules';
export { crossFileFindings, fileForms, type FileForms } from './workspace';
export { documentKind, skippedRegions } from './scope';
export { looksBinary } from './text/binary';
export type * from './types';
export * as docx from './docx';
export {
  FILE_KINDS,
  activationLanguageIds,
  analysisLanguageOf,
  extensionSpellings,
  fileKindOf,
  languageIdsFor,
  textExtensions,
  textFileGlob,
} from './fileKinds';
export { compareSpans } from './collections';
