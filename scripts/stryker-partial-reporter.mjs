// A Stryker reporter that appends each mutant's result, as soon as it is known, to <json report>.partial.jsonl.
// Stryker writes its JSON report only when a run ends; on a loaded machine a chunk may be stopped before then,
// and this file keeps what was measured (scripts/mutation-score.mjs reads it for a chunk without a report).
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PluginKind, commonTokens, declareClassPlugin } from '@stryker-mutator/api/plugin';

class PartialReporter {
  static inject = [commonTokens.options];

  constructor(options) {
    const json = options.jsonReporter?.fileName ?? 'reports/mutation/mutation.json';
    this.file = json.replace(/\.json$/, '') + '.partial.jsonl';
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, '');
  }

  onMutationTestingPlanReady({ mutantPlans }) {
    appendFileSync(this.file, JSON.stringify({ planned: mutantPlans.length }) + '\n');
  }

  onMutantTested(result) {
    const { fileName, id, mutatorName, replacement, location, status, statusReason } = result;
    const reason = statusReason?.slice(0, 300);
    const line = { fileName, id, mutatorName, replacement, location, status, statusReason: reason };
    appendFileSync(this.file, JSON.stringify(line) + '\n');
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'partial', PartialReporter)];
