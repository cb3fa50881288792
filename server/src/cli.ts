import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze,
  checkSpecs,
  docx,
  fixAllSafe,
  formatProblem,
  formatMessage,
  safeEdits,
  sortProblems,
  type Analysis,
  type Dictionary,
  type DictionaryProblem,
} from './engine';
import { dictionaryCacheDirectory } from './node/cacheDirectory';
import { cacheProblemMessage, cacheProblems } from './node/dictionaryCache';
import { isDocx } from './docxReport';
import { version } from './version';
import { fixedDocxPath, readDocxFile, writeFixedDocx } from './node/docxFile';
import { describeFixFailure, describeUnreadable, fixTextFile, isTextFile, readTextFile } from './node/fileText';
import { SafeWriteError, settleSignals } from './node/safeWrite';
import { projectDictionaries } from './node/projectDictionaries';
import { builtinTermsDirectory, readTermDirectory, readUserTermFile } from './node/termFiles';
import { joinNegativeNumbers, OPTIONS, USAGE, UsageError, validate, type RunOptions } from './cli/args';
import { expandInputs, languageOf } from './cli/inputs';
import { exitCode, fixSummary, withCrossFileFindings, type CliIo, type FileReport } from './cli/report';
import { toJsonFinding } from './cli/formats/json';
import { sarif } from './cli/formats/sarif';
import { stylish } from './cli/formats/stylish';
import { glossaryRows, glossaryTable } from './cli/glossary';
import { say } from './cli/messages';

/**
 * `medterm lint` and `medterm glossary`: the engine over files, for CI and for writers who prefer a
 * terminal. This file runs the steps (validate → load projects → check each file → finish); the parts
 * live in cli/: args (options and usage), inputs (files, folders, globs), report, formats/, glossary.
 * Exit codes (as ESLint's): 0 clean enough, 1 an error or more warnings than --max-warnings
 * allows (information and hints never fail a run), 2 usage error, a term file that cannot be used at all (a
 * bad entry or rule is skipped with a warning: problems.ts), a file that could not be checked (unless
 * --allow-unchecked) or a fix that could not be written.
 */

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
      document: TextDocument.create(pathToFileURL(file).href, 'docx', 0, ''),
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
  return {
    file,
    document: TextDocument.create(pathToFileURL(file).href, 'docx', 0, document.text),
    analysis,
    docx: document,
  };
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
      document: TextDocument.create(pathToFileURL(file).href, options.languageId, 0, ''),
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
    document: TextDocument.create(pathToFileURL(file).href, options.languageId, 0, text),
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
        `medterm: ${say('cli.notChecked', locale, { file: relative(io.cwd, report.file), reason: report.skipped })}`,
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
