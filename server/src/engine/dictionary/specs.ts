import { analyze } from '../analysis';
import { applyEdits } from '../fixes';
import type { DictionaryProblem } from '../types';
import type { Dictionary } from './dictionary';
import type { ParsedLayerFile } from './parse';

/**
 * prh checks each rule's `specs` (from → to) when it loads its file; so does MedTerm, once the
 * dictionary is built: a spec whose text does not become `to` under the dictionary's fixes is a
 * warning in that file (the rule is kept).
 */
export function checkSpecs(dictionary: Dictionary, files: readonly ParsedLayerFile[]): DictionaryProblem[] {
  const problems: DictionaryProblem[] = [];
  for (const file of files) {
    const specs =
      (file as { specs?: readonly { from: string; to: string; prhRule?: number; line?: number; column?: number }[] })
        .specs ?? [];
    for (const spec of specs) {
      // prh applies every match of a rule (a deletion or a suggestion-only fix included): so does the check.
      const findings = analyze(spec.from, dictionary).findings.filter(
        (finding) => finding.ruleId === 'nonstandard-name',
      );
      const result = applyEdits(
        spec.from,
        findings.map((finding) => finding.fixes[0]!.edits[0]!),
      );
      if (result !== spec.to) {
        const path = spec.prhRule === undefined ? 'specs' : `rules[${spec.prhRule}].specs`;
        problems.push({
          source: file.source,
          path,
          message: `spec "${spec.from}" should become "${spec.to}" but becomes "${result}"`,
          severity: 'warning',
          line: spec.line,
          column: spec.column,
        });
      }
    }
  }
  return problems;
}
