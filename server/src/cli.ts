import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Log, Result } from 'sarif';
import { globSync } from 'tinyglobby';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { spanToLineColumn, type LineColumnRange } from './convert';
import {
  RULES,
  REGION_SETTINGS,
  RULE_IDS,
  analyze,
  checkSpecs,
  crossFileFindings,
  docx,
  extensionSpellings,
  fileKindOf,
  fileForms,
  fixAllSafe,
  formatProblem,
  formatMessage,
  resolveLocale,
  ruleSetting,
  safeEdits,
  sortProblems,
  type Analysis,
  type Dictionary,
  type DictionaryProblem,
  type Finding,
  type Locale,
  type RegionSetting,
  type RuleSetting,
} from './engine';
import { cacheProblemMessage, cacheProblems, dictionaryCacheDirectory } from './node/dictionaryCache';
import { docxPosition, docxSarifRegion, isDocx } from './docxReport';
import { isRuleSetting, SARIF_LEVEL } from './severities';
import { version } from './version';
import { fixedDocxPath, readDocxFile, writeFixedDocx } from './node/docxFile';
import { describeFixFailure, describeUnreadable, fixTextFile, isTextFile, readTextFile } from './node/fileText';
import { SafeWriteError, settleSignals } from './node/safeWrite';
import { projectFolderOf } from './node/layers';
import { projectDictionaries } from './node/projectDictionaries';
import { listProseFiles } from './node/proseFiles';
import { builtinTermsDirectory, readTermDirectory, readUserTermFile } from './node/termFiles';

/**
 * `medterm lint` and `medterm glossary`: the engine over files, for CI and for writers who prefer a
 * terminal. Exit codes (as ESLint's): 0 clean enough, 1 an error or more warnings than --max-warnings
 * allows (information and hints never fail a run), 2 usage error, a term file that cannot be used at all (a
 * bad entry or rule is skipped with a warning: problems.ts), a file that could not be checked (unless
 * --allow-unchecked) or a fix that could not be written.
 */

const USAGE = `Usage:
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

class UsageError extends Error {}

function languageOf(path: string, forced: string | undefined): string {
  if (forced) return forced;
  const analysis = fileKindOf(path)?.analysis;
  return analysis === undefined || analysis === 'docx' ? 'plaintext' : analysis;
}

/** Files named directly, folders searched for text files, and globs. */
export function expandInputs(inputs: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    if (existsSync(absolute) && statSync(absolute).isFile()) {
      files.add(absolute);
      continue;
    }
    // A folder is listed as the server lists a workspace (node/proseFiles.ts): .gitignore honoured (also the
    // project's, above the folder), regular files only, each once, node_modules and .git skipped (F8); its name is
    // never read as a glob (W5); every kind of file in the one list (engine/fileKinds), .docx included, but not
    // Word's lock files (~$paper.docx, while a document is open) nor MedTerm's own fixed copies.
    const isFolder = existsSync(absolute) && statSync(absolute).isDirectory();
    const extensions = extensionSpellings().map((extension) => `.${extension.toLowerCase()}`);
    const found = isFolder
      ? listProseFiles(absolute, {
          extensions,
          limit: Number.POSITIVE_INFINITY,
          gitignoreFrom: projectFolderOf(absolute),
        }).filter((file) => !/(^|[\\/])~\$[^\\/]*$/.test(file) && !file.toLowerCase().endsWith('.medterm.docx'))
      : globSync(input, { cwd, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] }).filter(
          (file) => statSync(file, { throwIfNoEntry: false })?.isFile() === true,
        ); // never a FIFO or a device
    if (found.length === 0)
      throw new UsageError(
        isFolder
          ? `no files to check in "${input}" (${[...new Set(extensions)].join(' ')})`
          : `no files match "${input}"`,
      );
    for (const file of found) files.add(file);
  }
  return [...files].sort();
}

interface FileReport {
  readonly file: string;
  readonly document: TextDocument;
  readonly analysis: Analysis;
  readonly skipped?: string;
  /** A Word document: its text's paragraphs say where findings are. */
  readonly docx?: docx.DocxDocument;
  /** A Word document that could not be read (exit code 2). */
  readonly failed?: boolean;
}

interface JsonFinding extends LineColumnRange {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly text: string;
  readonly conceptId: string | null;
  readonly fixes: { text: string; tier: string }[];
}

function toJsonFinding(report: FileReport, finding: Finding, locale: Locale): JsonFinding {
  const word = report.docx ? docxPosition(report.docx, finding.span, locale) : undefined;
  return {
    ...(word ? { location: { ...word.location, label: word.label }, context: word.context } : {}),
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: formatMessage(finding.message, locale),
    // In a Word document, the line is the paragraph's ordinal (as in SARIF) and the column is within it.
    ...(word
      ? { line: word.line, column: word.column, endLine: word.line, endColumn: word.endColumn }
      : spanToLineColumn(report.document, finding.span)),
    text: report.analysis.text.slice(finding.span.start, finding.span.end),
    conceptId: finding.conceptId ?? null,
    fixes: finding.fixes
      .filter((fix) => fix.edits.length === 1)
      .map((fix) => ({ text: fix.edits[0]!.newText, tier: fix.tier })),
  };
}

const COLOURS = { red: 31, yellow: 33, blue: 34, grey: 90, bold: 1, underline: 4 } as const;

function stylish(reports: readonly FileReport[], locale: Locale, colour: boolean, cwd: string): string {
  const paint = (name: keyof typeof COLOURS, text: string): string =>
    colour ? `\u001b[${COLOURS[name]}m${text}\u001b[0m` : text;
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) {
    if (report.skipped) {
      lines.push(
        paint(
          'grey',
          locale === 'en'
            ? `${relative(cwd, report.file)}: not checked: ${report.skipped}`
            : `${relative(cwd, report.file)}：未检查：${report.skipped}`,
        ),
      );
      continue;
    }
    if (report.analysis.findings.length === 0) continue;
    lines.push('', paint('underline', relative(cwd, report.file)));
    for (const finding of report.analysis.findings) {
      counts[finding.severity]++;
      const word = report.docx ? docxPosition(report.docx, finding.span, locale) : undefined;
      const position = spanToLineColumn(report.document, finding.span);
      const severity =
        finding.severity === 'error'
          ? paint('red', 'error')
          : finding.severity === 'warning'
            ? paint('yellow', 'warning')
            : paint('blue', finding.severity === 'information' ? 'info' : 'hint');
      lines.push(
        `  ${paint('grey', (word ? word.label : `${position.line}:${position.column}`).padEnd(8))} ${severity.padEnd(colour ? 16 : 7)} ${formatMessage(finding.message, locale)}  ${paint('grey', finding.ruleId)}`,
      );
      if (word) lines.push(`    ${paint('grey', word.context)}`);
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const notChecked = reports.filter((report) => report.skipped).length;
  if (total === 0 && notChecked > 0)
    lines.push(
      locale === 'en'
        ? `No findings in the files checked; ${notChecked} not checked.`
        : `已检查的文件中未发现问题；${notChecked} 个文件未检查。`,
    );
  else if (total === 0) lines.push(locale === 'en' ? 'No findings.' : '未发现问题。');
  else if (locale === 'en')
    lines.push(
      '',
      paint(
        'bold',
        `✖ ${total} ${total === 1 ? 'finding' : 'findings'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information} info, ${counts.hint} hint${counts.hint === 1 ? '' : 's'})`,
      ),
    );
  else
    lines.push(
      '',
      paint(
        'bold',
        `✖ ${total} 处问题（${counts.error} 个错误，${counts.warning} 个警告，${counts.information} 个提示，${counts.hint} 个建议）`,
      ),
    );
  return lines.join('\n');
}

/** A file's path relative to the run's folder as an RFC 3986 URI reference (W9: spaces and CJK percent-encoded). */
export function uriReference(cwd: string, file: string): string {
  return relative(cwd, file).split(sep).map(encodeURIComponent).join('/');
}

function sarif(reports: readonly FileReport[], locale: Locale, cwd: string, version: string): string {
  const results = reports.flatMap((report) =>
    report.analysis.findings.map((finding): Result => {
      const position = spanToLineColumn(report.document, finding.span);
      const word = report.docx ? docxPosition(report.docx, finding.span, locale) : undefined;
      const safe = finding.fixes.find((fix) => fix.tier === 'safe' && !word);
      return {
        ruleId: finding.ruleId,
        ruleIndex: RULE_IDS.indexOf(finding.ruleId),
        level: SARIF_LEVEL[finding.severity] as Result.level,
        message: { text: formatMessage(finding.message, locale) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uriReference(cwd, report.file), uriBaseId: 'SRCROOT' },
              region: word
                ? docxSarifRegion(word)
                : {
                    startLine: position.line,
                    startColumn: position.column,
                    endLine: position.endLine,
                    endColumn: position.endColumn,
                    charOffset: finding.span.start,
                    charLength: finding.span.end - finding.span.start,
                  },
            },
            ...(word ? { logicalLocations: [{ name: word.label, kind: 'element' }] } : {}),
          },
        ],
        fixes: safe
          ? [
              {
                description: { text: formatMessage(safe.title, locale) },
                artifactChanges: [
                  {
                    artifactLocation: { uri: uriReference(cwd, report.file), uriBaseId: 'SRCROOT' },
                    replacements: safe.edits.map((edit) => ({
                      deletedRegion: { charOffset: edit.span.start, charLength: edit.span.end - edit.span.start },
                      insertedContent: { text: edit.newText },
                    })),
                  },
                ],
              },
            ]
          : undefined,
        properties: finding.conceptId ? { conceptId: finding.conceptId } : undefined,
      };
    }),
  );
  const notChecked = reports.filter((report) => report.skipped);
  // Typed against the SARIF 2.1.0 object model (@types/sarif), so the shape is checked at compile time.
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'MedTerm',
            version,
            informationUri: 'https://github.com/medterm/medterm',
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: locale === 'en' ? rule.description.en : rule.description.zh },
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] as Result.level },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(cwd).href.replace(/\/$/, '')}/` } },
        results,
        // Files that could not be checked: tool notifications naming them (a run is never silently partial).
        ...(notChecked.length > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: notChecked.map((report) => ({
                    level: 'error' as const,
                    message: { text: `${locale === 'en' ? 'not checked' : '未检查'}: ${report.skipped}` },
                    locations: [
                      {
                        physicalLocation: {
                          artifactLocation: { uri: uriReference(cwd, report.file), uriBaseId: 'SRCROOT' },
                        },
                      },
                    ],
                  })),
                },
              ],
            }
          : {}),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

interface GlossaryRow {
  readonly abbreviation: string;
  readonly zh: string;
  readonly en: string;
  readonly conceptId: string;
  readonly firstUse: string;
}

/** Rules whose finding says the written form is wrong: such a form is not offered for the glossary (W12). */
const FLAGGING_RULES = new Set(['nonstandard-name', 'confusable-term']);

/**
 * The 缩略语表 journals ask for: the abbreviations a manuscript uses, alphabetically, with the Chinese and
 * English names (a regimen's English is its expansion, not the abbreviation again). `allTerms` adds the
 * other terms used, by name. A form that lint flags is never a glossary row.
 */
function glossaryRows(
  reports: readonly FileReport[],
  dictionary: Dictionary,
  cwd: string,
  allTerms: boolean,
  locale: Locale,
): GlossaryRow[] {
  const first = new Map<string, { file: string; line: number | string; abbreviation?: string }>();
  for (const report of reports) {
    const flagged = new Set(
      report.analysis.findings
        .filter((finding) => FLAGGING_RULES.has(finding.ruleId))
        .map((finding) => `${finding.span.start}:${finding.span.end}`),
    );
    for (const match of report.analysis.matches) {
      const concept = dictionary.concepts.get(match.conceptId);
      if (!concept || flagged.has(`${match.span.start}:${match.span.end}`)) continue;
      const abbreviation =
        match.surface.role === 'abbreviation' || match.surface.accepted?.kind === 'abbreviation'
          ? match.surface.text
          : undefined;
      const existing = first.get(concept.id);
      if (existing) {
        if (!existing.abbreviation && abbreviation) first.set(concept.id, { ...existing, abbreviation });
        continue;
      }
      const where = report.docx
        ? docxPosition(report.docx, match.span, locale).label
        : spanToLineColumn(report.document, match.span).line;
      first.set(concept.id, { file: relative(cwd, report.file), line: where, abbreviation });
    }
  }
  return [...first.entries()]
    .map(([id, use]): GlossaryRow => {
      const concept = dictionary.concepts.get(id)!;
      const abbreviation = use.abbreviation ?? concept.abbreviations[0] ?? '';
      return {
        abbreviation,
        zh: concept.zh ?? '',
        en: expansionOf(concept.en, abbreviation),
        conceptId: id,
        firstUse: `${use.file}:${use.line}`,
      };
    })
    .filter((row) => allTerms || row.abbreviation !== '')
    .sort(
      (a, b) =>
        Number(!a.abbreviation) - Number(!b.abbreviation) ||
        a.abbreviation.localeCompare(b.abbreviation, 'en') ||
        (a.zh || a.en).localeCompare(b.zh || b.en, 'zh'),
    );
}

/** "DRd (daratumumab + lenalidomide + dexamethasone)" → "daratumumab + lenalidomide + dexamethasone" in the DRd row. */
function expansionOf(en: string, abbreviation: string): string {
  if (!abbreviation || !en.startsWith(`${abbreviation} (`) || !en.endsWith(')')) return en;
  return en.slice(abbreviation.length + 2, -1);
}

function glossaryTable(rows: readonly GlossaryRow[], locale: Locale): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const header =
    locale === 'en' ? '| Abbreviation | Chinese | English | First use |' : '| 缩写 | 中文 | 英文 | 首次出现 |';
  const lines = [header, '| --- | --- | --- | --- |'];
  for (const row of rows)
    lines.push(`| ${escape(row.abbreviation)} | ${escape(row.zh)} | ${escape(row.en)} | ${escape(row.firstUse)} |`);
  return lines.join('\n');
}

/** A manuscript in several files: report a form that differs from the other files' (as the server does). */
function withCrossFileFindings(
  reports: readonly FileReport[],
  dictionary: Dictionary,
  rules: Readonly<Record<string, RuleSetting>>,
): FileReport[] {
  const checked = reports.filter((report) => !report.skipped);
  if (ruleSetting('inconsistent-term', rules) === 'off' || checked.length < 2) return [...reports];
  const forms = checked.map((report) => ({ uri: report.document.uri, forms: fileForms(report.analysis.matches) }));
  return reports.map((report) => {
    if (report.skipped) return report;
    const extra = crossFileFindings(report.document.uri, report.analysis.matches, forms, {
      rules,
      conceptName: (id) => dictionary.concepts.get(id)?.en ?? id,
    });
    if (extra.length === 0) return report;
    const findings = [...report.analysis.findings, ...extra].sort(
      (a, b) => a.span.start - b.span.start || a.span.end - b.span.end,
    );
    return { ...report, analysis: { ...report.analysis, findings } };
  });
}

/** ESLint's contract: errors fail; warnings fail beyond --max-warnings (-1: never); information and hints never fail. */
export function exitCode(findings: readonly Pick<Finding, 'severity'>[], maxWarnings: number): 0 | 1 {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
}

/** `--max-warnings -1` as one option (parseArgs would take -1 for a flag): ESLint accepts it (P5). */
function joinNegativeNumbers(argv: readonly string[]): string[] {
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

/** What --fix changed: "fixed 3 problems in 2 files" and the files, in zh-cn or en. */
function fixSummary(fixed: readonly { file: string; edits: number }[], cwd: string, locale: Locale): string {
  const problems = fixed.reduce((sum, entry) => sum + entry.edits, 0);
  if (fixed.length === 0) return locale === 'en' ? 'fixed nothing' : '没有修复任何问题';
  const head =
    locale === 'en'
      ? `fixed ${problems} ${problems === 1 ? 'problem' : 'problems'} in ${fixed.length} ${fixed.length === 1 ? 'file' : 'files'}:`
      : `已修复 ${fixed.length} 个文件中的 ${problems} 处问题：`;
  return [head, ...fixed.map((entry) => `  ${relative(cwd, entry.file)} (${entry.edits})`)].join('\n');
}

interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

const OPTIONS = {
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

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A run's validated options. */
interface RunOptions {
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
function validate(values: Values, positionals: readonly string[], env: NodeJS.ProcessEnv): RunOptions {
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

/**
 * The dictionaries of the files' projects (W1: the same layers as the editor — ~/.medterm or $MEDTERM_HOME, each
 * file's project .medterm/ and its .vscode/settings.json medterm.dictionaries, then --dictionary). A bad entry or
 * rule is skipped with a located warning, told once though several projects share a term file; a file that
 * cannot be used at all stops the run (undefined is returned after the messages).
 */
function loadProjects(
  files: readonly string[],
  run: RunOptions,
  io: CliIo,
): ReturnType<typeof projectDictionaries> | undefined {
  const { values, locale } = run;
  const cacheDirectory = values['no-cache'] ? undefined : dictionaryCacheDirectory(io.env);
  const builtin = readTermDirectory(builtinTermsDirectory(__dirname), 'builtin', 'data/terms', cacheDirectory);
  const extra = values.dictionary.flatMap((file) =>
    readUserTermFile(resolve(io.cwd, file), 'workspace', { allowPatterns: true, cacheDirectory }),
  );
  const projects = projectDictionaries(files, {
    cwd: io.cwd,
    env: io.env,
    builtin,
    extra,
    cacheDirectory,
    english: locale === 'en',
  });
  for (const directory of cacheProblems())
    io.stderr(`medterm: warning: ${cacheProblemMessage(directory, locale === 'en')}`);
  for (const warning of projects.warnings) io.stderr(`medterm: warning: ${warning}`);
  const reported = new Set<string>();
  const once = (line: string): boolean => (reported.has(line) ? false : (reported.add(line), true));
  const fatal: DictionaryProblem[] = [];
  for (const project of projects.all) {
    const builtinSources = new Set(
      project.layers.filter((layer) => layer.layer === 'builtin').map((layer) => layer.source),
    );
    const sorted = sortProblems(
      [...project.dictionary.problems, ...checkSpecs(project.dictionary, project.layers)],
      (problem) => !builtinSources.has(problem.source),
    );
    for (const problem of sorted.skipped)
      if (once(`w${formatProblem(problem)}`)) io.stderr(`medterm: warning: ${formatProblem(problem)}`);
    for (const problem of sorted.fatal) if (once(`e${formatProblem(problem)}`)) fatal.push(problem);
  }
  for (const problem of fatal) io.stderr(`medterm: ${formatProblem(problem)}`);
  return fatal.length > 0 ? undefined : projects;
}

/** What checking the files gave: a report per file, the files fixed, and the fixes that could not be written. */
interface Checked {
  readonly analysed: FileReport[];
  readonly fixedFiles: { file: string; edits: number }[];
  readonly fixFailures: string[];
}

const EMPTY_ANALYSIS: Analysis = { text: '', matches: [], regimenMentions: [], findings: [] };

/** A Word document: read, linted and (with --fix) fixed as tracked changes in a copy. */
function checkDocx(input: string, dictionary: Dictionary, run: RunOptions, io: CliIo, checked: Checked): FileReport {
  const { values, locale, rules } = run;
  let file = input;
  let document: docx.DocxDocument;
  try {
    document = readDocxFile(file);
  } catch (error) {
    if (!(error instanceof docx.DocxError)) throw error;
    return {
      file,
      document: TextDocument.create(`file://${file}`, 'docx', 0, ''),
      analysis: EMPTY_ANALYSIS,
      skipped: formatMessage(error.userMessage, locale),
      failed: true,
    };
  }
  const docxOptions = { languageId: docx.DOCX_LANGUAGE_ID, rules, region: run.region };
  let analysis = analyze(document.text, dictionary, docxOptions);
  if (values.fix && run.command === 'lint') {
    const target = fixedDocxPath(file, {
      output: values.output === undefined ? undefined : resolve(io.cwd, values.output),
      inPlace: values['in-place'],
    });
    let outcome: ReturnType<typeof writeFixedDocx> = { applied: 0, skipped: 0 };
    try {
      outcome = writeFixedDocx(document, safeEdits(analysis.findings), target);
    } catch (error) {
      // A read-only or linked document, a full disk: named, and the other files go on (node/safeWrite.ts).
      if (!(error instanceof SafeWriteError)) throw error;
      checked.fixFailures.push(describeFixFailure(error, relative(io.cwd, target), locale));
    }
    if (outcome.path) {
      io.stderr(
        `medterm: ${formatMessage({ id: 'docx.fix.written', params: { count: outcome.applied, file: relative(io.cwd, outcome.path) } }, locale)}`,
      );
      // What is left is what the fixed copy says (its insertions are text, its deletions not).
      document = readDocxFile(outcome.path);
      analysis = analyze(document.text, dictionary, docxOptions);
      file = outcome.path;
    }
    if (outcome.skipped > 0)
      io.stderr(`medterm: ${formatMessage({ id: 'docx.fix.skipped', params: { count: outcome.skipped } }, locale)}`);
  }
  return { file, document: TextDocument.create(`file://${file}`, 'docx', 0, document.text), analysis, docx: document };
}

/**
 * A text file: read as bytes and decoded only when that is lossless (node/fileText.ts); fixes are written in
 * the file's own encoding by the safe writer (node/safeWrite.ts), which keeps links, mode and owner.
 */
async function checkText(
  file: string,
  dictionary: Dictionary,
  run: RunOptions,
  io: CliIo,
  checked: Checked,
): Promise<FileReport> {
  const { values, locale } = run;
  const options = { languageId: languageOf(file, values.language), rules: run.rules, region: run.region };
  const read = readTextFile(file);
  if (!isTextFile(read))
    return {
      file,
      document: TextDocument.create(`file://${file}`, options.languageId, 0, ''),
      analysis: EMPTY_ANALYSIS,
      skipped: describeUnreadable(read, locale),
    };
  let text = read.text;
  if (values.fix && run.command === 'lint') {
    const outcome = fixTextFile(read, (current) => fixAllSafe(current, dictionary, options));
    text = outcome.status === 'fixed' ? outcome.text : outcome.file.text;
    if (outcome.status === 'fixed') checked.fixedFiles.push({ file, edits: outcome.edits });
    if (outcome.status === 'failed')
      checked.fixFailures.push(describeFixFailure(outcome.error, relative(io.cwd, file), locale));
    await settleSignals(); // Ctrl-C during the write is handled here, with no temporary file left
  }
  return {
    file,
    document: TextDocument.create(`file://${file}`, options.languageId, 0, text),
    analysis: analyze(text, dictionary, options),
  };
}

/** The output of a run and its exit code (files not checked and fixes not written make it 2). */
function finish(
  reports: readonly FileReport[],
  checked: Checked,
  dictionary: Dictionary,
  run: RunOptions,
  io: CliIo,
): number {
  const { values, locale, format, command } = run;
  for (const report of reports) {
    if (report.skipped && (format !== 'stylish' || command === 'glossary'))
      io.stderr(
        `medterm: ${relative(io.cwd, report.file)}${locale === 'en' ? ': not checked: ' : '：未检查：'}${report.skipped}`,
      );
  }
  for (const failure of checked.fixFailures) io.stderr(`medterm: ${failure}`);
  if (values.fix && command === 'lint') {
    const summary = fixSummary(checked.fixedFiles, io.cwd, locale);
    if (format === 'stylish') io.stdout(summary);
    else io.stderr(`medterm: ${summary}`);
  }
  const unchecked = reports.filter((report) => report.skipped).length;
  const incomplete = checked.fixFailures.length > 0 || (unchecked > 0 && !values['allow-unchecked']);
  if (command === 'glossary') {
    const rows = glossaryRows(reports, dictionary, io.cwd, values['all-terms'], locale);
    io.stdout(format === 'json' ? JSON.stringify(rows, null, 2) : glossaryTable(rows, locale));
    return incomplete ? 2 : 0;
  }
  if (format === 'json') {
    // A file not checked is listed with the reason, never left out as if it were clean.
    const json = reports.map((report) => ({
      file: relative(io.cwd, report.file),
      findings: report.analysis.findings.map((finding) => toJsonFinding(report, finding, locale)),
      ...(report.skipped ? { notChecked: report.skipped } : {}),
    }));
    io.stdout(JSON.stringify(json, null, 2));
  } else if (format === 'sarif') {
    io.stdout(sarif(reports, locale, io.cwd, version()));
  } else {
    io.stdout(stylish(reports, locale, io.isTTY, io.cwd));
  }
  if (incomplete || reports.some((report) => report.failed)) return 2;
  return exitCode(
    reports.flatMap((report) => report.analysis.findings),
    run.maxWarnings,
  );
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeNumbers(argv), allowPositionals: true, options: OPTIONS });
  } catch (error) {
    io.stderr(`medterm: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(version());
    return 0;
  }
  try {
    const options = validate(values, positionals, io.env);
    const files = expandInputs(options.inputs, io.cwd);
    const projects = loadProjects(files, options, io);
    if (!projects) return 2;
    if (values.output !== undefined && files.filter(isDocx).length !== 1)
      throw new UsageError('--output needs exactly one .docx file');
    if (values.output !== undefined && values['in-place'])
      throw new UsageError('--output and --in-place exclude each other');
    const checked: Checked = { analysed: [], fixedFiles: [], fixFailures: [] };
    for (const file of files) {
      const dictionary = projects.forFile(file).dictionary;
      checked.analysed.push(
        isDocx(file)
          ? checkDocx(file, dictionary, options, io, checked)
          : await checkText(file, dictionary, options, io, checked),
      );
    }
    const dictionary = projects.all[0]!.dictionary;
    const reports =
      options.command === 'lint'
        ? withCrossFileFindings(checked.analysed, dictionary, options.rules)
        : checked.analysed;
    return finish(reports, checked, dictionary, options, io);
  } catch (error) {
    io.stderr(`medterm: ${error instanceof UsageError ? `${error.message}\n\n${USAGE}` : (error as Error).message}`);
    return 2;
  }
}

if (require.main === module) {
  // Output piped into a reader that stops early (| head): stop quietly, as Unix tools do, not with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  void run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    isTTY: process.stdout.isTTY === true && !process.env['NO_COLOR'],
    cwd: process.cwd(),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
