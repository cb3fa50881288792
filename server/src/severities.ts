// A type import only: the CLI imports this module, and loading vscode-languageserver would cost it ~40 ms a run.
import type { DiagnosticSeverity } from 'vscode-languageserver';
import type { RuleSetting, Severity } from './engine';

/**
 * The one home of severity names and what they become: settings (`medterm.rules.*`), the CLI's `--rule ID=…`,
 * LSP diagnostics and SARIF results.
 */

/** The severities, from the most to the least severe. */
export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const satisfies readonly Severity[];

/** What a rule may be set to: a severity, or off. */
export const RULE_SETTINGS = [...SEVERITIES, 'off'] as const satisfies readonly RuleSetting[];

export function isRuleSetting(value: unknown): value is RuleSetting {
  return typeof value === 'string' && (RULE_SETTINGS as readonly string[]).includes(value);
}

/** LSP's DiagnosticSeverity for each severity (Error 1, Warning 2, Information 3, Hint 4: the type checks the range). */
export const LSP_SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: 1,
  warning: 2,
  information: 3,
  hint: 4,
};

/** SARIF 2.1.0 `result.level`: error, warning or note (SARIF has no level of its own for information and hints). */
export const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};
