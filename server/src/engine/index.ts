/**
 * The MedTerm engine: pure functions from text and data to plain data. No editor, protocol or
 * Node imports (a test scans for them): the language server, the CLI and the tests all drive this.
 */
export { analyze, type Analysis, type AnalysisOptions, type RuleSetting } from './analysis';
export { complete, typedFragment, type CompletionCandidate, type CompletionOptions, type CompletionResult, type RegimenInsert } from './completion';
export { buildDictionary, componentKey, isAbbreviationSurface, type Dictionary } from './dictionary/dictionary';
export { parseDictionary, type ParsedLayerFile } from './dictionary/parse';
export { applyEdits, fixAllSafe, safeEdits } from './fixes';
export { hoverAt, matchAt, type HoverResult } from './hover';
export { formatCitation } from './labels';
export { formatMessage, hasMessage, resolveLocale } from './messages';
export { RULES, RULE_IDS } from './rules';
export { documentKind, skippedRegions } from './scope';
export type * from './types';
