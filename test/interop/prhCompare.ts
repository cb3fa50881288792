import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { analyze, applyEdits, buildDictionary, safeEdits } from '../../server/src/engine';
import { readUserTermFile } from '../../server/src/node/termFiles';
import { ROOT } from '../helpers/dictionary';

/** The public prh rule sets (prh/rules), read where they are kept, never copied into the repository. */
export const PRH_RULES = process.env['MEDTERM_PRH_RULES'] ?? join(ROOT, '..', 'shared', 'interop', 'prh-rules');

export function prhRuleFiles(): string[] {
  const out: string[] = [];
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) out.push(path);
    }
  };
  if (existsSync(PRH_RULES)) walk(PRH_RULES);
  return out;
}

/** textlint-rule-prh (the real one, with textlint's kernel) and MedTerm on the same rule file and texts. */
export async function textlintFix(ruleFile: string, text: string): Promise<string> {
  const { TextlintKernel } = await import('@textlint/kernel');
  const plugin = (await import('@textlint/textlint-plugin-text')).default;
  const rule = (await import('textlint-rule-prh')).default;
  const kernel = new TextlintKernel();
  const result = await kernel.fixText(text, {
    ext: '.txt',
    filePath: '/sample.txt',
    plugins: [{ pluginId: 'text', plugin: (plugin as { default?: unknown }).default ?? plugin }],
    rules: [
      { ruleId: 'prh', rule: (rule as { default?: unknown }).default ?? rule, options: { rulePaths: [ruleFile] } },
    ],
  } as never);
  return result.output;
}

export function medtermFixer(ruleFile: string): (text: string) => string {
  const layers = readUserTermFile(ruleFile, 'workspace', { allowPatterns: true });
  const dictionary = buildDictionary(layers);
  // One pass of safe fixes, as one textlint --fix applies each rule's fixes once.
  return (text) => applyEdits(text, safeEdits(analyze(text, dictionary, { languageId: 'plaintext' }).findings));
}

/** Every spec of every rule of a prh file (not its imports), with the rule's index. */
export function specsOf(ruleFile: string): { rule: number; from: string; to: string }[] {
  const value = load(readFileSync(ruleFile, 'utf8')) as {
    rules?: { specs?: { from?: unknown; to?: unknown }[] }[];
  } | null;
  const out: { rule: number; from: string; to: string }[] = [];
  (value?.rules ?? []).forEach((rule, index) => {
    for (const spec of rule?.specs ?? [])
      if (typeof spec?.from === 'string' && typeof spec.to === 'string')
        out.push({ rule: index, from: spec.from, to: spec.to });
  });
  return out;
}

/**
 * Sample texts for the rules without specs: each literal pattern (or the expected text of a rule without
 * a pattern, in upper case) between two ordinary characters, one paragraph each.
 */
export function literalSamplesOf(ruleFile: string): { rule: number; from: string }[] {
  const value = load(readFileSync(ruleFile, 'utf8')) as {
    rules?: ({ expected?: unknown; pattern?: unknown; patterns?: unknown; specs?: unknown } | string)[];
  } | null;
  const out: { rule: number; from: string }[] = [];
  (value?.rules ?? []).forEach((rule, index) => {
    if (!rule || typeof rule !== 'object' || Array.isArray(rule.specs)) return;
    const written = rule.pattern ?? rule.patterns;
    const list =
      written === undefined || written === null
        ? typeof rule.expected === 'string'
          ? [rule.expected.toUpperCase()]
          : []
        : Array.isArray(written)
          ? written
          : [written];
    for (const pattern of list)
      if (typeof pattern === 'string' && !/^\/.*\/[a-z]*$/s.test(pattern))
        out.push({ rule: index, from: `前 ${pattern} 後` });
  });
  return out;
}
