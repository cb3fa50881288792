import { parseArgs, type ParseArgsConfig } from 'node:util';
import { REGION_SETTINGS, RULE_IDS, resolveLocale, type Locale, type RegionSetting, type RuleSetting } from '../engine';
import { isRuleSetting } from '../severities';

/** The command line: options, their validation, the usage text and the locale of messages. */

export const USAGE = `Usage:
  medterm lint [options] <files, folders or globs…>
  medterm glossary [options] <files, folders or globs…>

Options:
  --format stylish|json|sarif   output format (default: stylish)
  --fix                         apply safe fixes in place (atomically), then report what is left;
                                a Word document (.docx) gets them as tracked changes in a copy,
                                NAME.medterm.docx (or --output FILE; --in-place overwrites it)
  --output FILE                 where --fix writes the fixed copy of one .docx
  --in-place                    --fix overwrites the .docx itself
  --allow-unchecked             files that cannot be checked (binary, not UTF-8/UTF-16/GB18030, unreadable)
                                are listed but do not fail the run (else exit 2)
  --dictionary FILE             an extra term file (repeatable): MedTerm's YAML/JSON format or a prh.yml
  --max-warnings N              allow up to N warnings before exit 1 (default 0; -1: no limit);
                                information and hints never change the exit code
  --rule ID=SEVERITY            error, warning, information, hint or off (repeatable)
  --locale zh-cn|en             language of messages (default: from LANG)
  --language ID                 treat every file as markdown, latex or plaintext
  --region auto|zh-CN|zh-TW|zh-HK
                                region the texts are written for: Taiwan/Hong Kong names are accepted
                                in zh-TW/zh-HK, suggested to the mainland name in zh-CN (default: auto,
                                the document's lang declaration, else zh-TW for mostly traditional text)
  --no-cache                    do not read or write the cache of large term files
                                (the user's cache folder; MEDTERM_CACHE_DIR sets it, =off turns it off)
  --all-terms                   glossary: list every term used, not only abbreviations
  -h, --help                    show this help
  -v, --version                 show the version

Exit codes:
  0  no errors, and no more warnings than --max-warnings allows
  1  an error, or more warnings than --max-warnings allows
  2  usage or configuration error (a bad option, no files, an unusable term file); a file that could not be
     checked (binary, unknown encoding, unreadable; unless --allow-unchecked) or whose fix could not be written

Rules: ${RULE_IDS.join(', ')}`;

export class UsageError extends Error {}

/** `--max-warnings -1` as one option (parseArgs would take -1 for a flag): ESLint accepts it (P5). */
export function joinNegativeNumbers(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const next = argv[index + 1];
    if (argument === '--max-warnings' && next !== undefined && /^-\d+$/.test(next)) {
      joined.push(`${argument}=${next}`);
      index++;
    } else joined.push(argument);
  }
  return joined;
}

/** POSIX: the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty; none (the C locale) means English (W11). */
export function localeFromEnvironment(env: NodeJS.ProcessEnv): Locale {
  const tag = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value !== undefined && value !== '');
  return tag === undefined ? 'en' : resolveLocale(tag);
}

export const OPTIONS = {
  format: { type: 'string', default: 'stylish' },
  fix: { type: 'boolean', default: false },
  'allow-unchecked': { type: 'boolean', default: false },
  dictionary: { type: 'string', multiple: true, default: [] as string[] },
  'max-warnings': { type: 'string' },
  rule: { type: 'string', multiple: true, default: [] as string[] },
  locale: { type: 'string' },
  language: { type: 'string' },
  region: { type: 'string', default: 'auto' },
  'no-cache': { type: 'boolean', default: false },
  'all-terms': { type: 'boolean', default: false },
  output: { type: 'string' },
  'in-place': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} satisfies NonNullable<ParseArgsConfig['options']>;

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A run's validated options. */
export interface RunOptions {
  readonly command: 'lint' | 'glossary';
  readonly inputs: readonly string[];
  readonly format: 'stylish' | 'json' | 'sarif';
  readonly locale: Locale;
  readonly maxWarnings: number;
  readonly rules: Record<string, RuleSetting>;
  readonly region: RegionSetting;
  readonly values: Values;
}

/** Options checked once, with a usage error that says what is wrong (P5: --max-warnings -1, --rule ID=SEVERITY). */
export function validate(values: Values, positionals: readonly string[], env: NodeJS.ProcessEnv): RunOptions {
  const [command, ...inputs] = positionals;
  if (command !== 'lint' && command !== 'glossary')
    throw new UsageError(command ? `unknown command "${command}"` : 'a command is needed: lint or glossary');
  if (inputs.length === 0) throw new UsageError('no files given');
  const format = values.format;
  if (format !== 'stylish' && format !== 'json' && format !== 'sarif')
    throw new UsageError(`unknown --format "${format}" (stylish, json, sarif)`);
  if (values.locale !== undefined && values.locale !== 'zh-cn' && values.locale !== 'en')
    throw new UsageError(`unknown --locale "${values.locale}" (zh-cn, en)`);
  if (command === 'glossary' && format === 'sarif')
    throw new UsageError('glossary writes markdown (stylish) or json, not sarif');
  const locale: Locale = (values.locale as Locale | undefined) ?? localeFromEnvironment(env);
  let maxWarnings = 0;
  if (values['max-warnings'] !== undefined) {
    const text = values['max-warnings'].trim();
    maxWarnings = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(maxWarnings) || maxWarnings < -1)
      throw new UsageError(
        `--max-warnings needs a whole number ≥ 0, or -1 for no limit (got "${values['max-warnings']}")`,
      );
  }
  const rules: Record<string, RuleSetting> = {};
  for (const rule of values.rule) {
    const [id, severity, ...rest] = rule.split('=');
    if (rest.length > 0) throw new UsageError(`--rule needs ID=SEVERITY, got "${rule}"`);
    if (!id || !RULE_IDS.includes(id)) throw new UsageError(`unknown rule "${id ?? ''}" (${RULE_IDS.join(', ')})`);
    if (!isRuleSetting(severity))
      throw new UsageError(`--rule ${id} needs =error, =warning, =information, =hint or =off`);
    rules[id] = severity;
  }
  if (values.language !== undefined && !['markdown', 'latex', 'plaintext'].includes(values.language))
    throw new UsageError(`unknown --language "${values.language}" (markdown, latex, plaintext)`);
  if (!REGION_SETTINGS.includes(values.region as RegionSetting))
    throw new UsageError(`unknown --region "${values.region}" (${REGION_SETTINGS.join(', ')})`);
  return { command, inputs, format, locale, maxWarnings, rules, region: values.region as RegionSetting, values };
}
