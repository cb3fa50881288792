import { render, type MessageTable, type TemplateParameters } from '../engine/messageFormat';
import type { Bilingual, Locale } from '../engine';

/**
 * The CLI's own strings, in the one way MedTerm localises: templates in both languages rendered by the engine's
 * `render`. English plurals are parameters ({problems} {problemWord}), chosen by `plural`; Chinese needs none.
 */
export const CLI_MESSAGES = {
  'cli.notChecked': { zh: '{file}：未检查：{reason}', en: '{file}: not checked: {reason}' },
  'cli.notCheckedShort': { zh: '未检查：{reason}', en: 'not checked: {reason}' },
  'cli.fixedNothing': { zh: '没有修复任何问题', en: 'fixed nothing' },
  'cli.fixed': {
    zh: '已修复 {files} 个文件中的 {problems} 处问题：',
    en: 'fixed {problems} {problemWord} in {files} {fileWord}:',
  },
  'cli.noFindings': { zh: '未发现问题。', en: 'No findings.' },
  'cli.noFindingsSomeNotChecked': {
    zh: '已检查的文件中未发现问题；{notChecked} 个文件未检查。',
    en: 'No findings in the files checked; {notChecked} not checked.',
  },
  'cli.summary': {
    zh: '✖ {total} 处问题（{errors} 个错误，{warnings} 个警告，{information} 个提示，{hints} 个建议）',
    en: '✖ {total} {findingWord} ({errors} {errorWord}, {warnings} {warningWord}, {information} info, {hints} {hintWord})',
  },
  'cli.glossaryHeader': {
    zh: '| 缩写 | 中文 | 英文 | 首次出现 |',
    en: '| Abbreviation | Chinese | English | First use |',
  },
} as const satisfies MessageTable<'cli'>;

export type CliMessageId = keyof typeof CLI_MESSAGES;
type TemplateOf<Id extends CliMessageId> = (typeof CLI_MESSAGES)[Id];
type ParametersOf<Id extends CliMessageId> = TemplateParameters<TemplateOf<Id>['zh'] | TemplateOf<Id>['en']>;

/** A CLI message in a locale; its parameters are checked at compile time. */
export function say<Id extends CliMessageId>(
  id: Id,
  locale: Locale,
  ...[params]: [ParametersOf<Id>] extends [never]
    ? []
    : [params: Readonly<Record<ParametersOf<Id>, string | number | Bilingual>>]
): string {
  return render(CLI_MESSAGES[id], params, locale);
}

/** An English word in the singular or plural for a count (a parameter only the English templates use). */
export function plural(count: number, one: string, other = `${one}s`): Bilingual {
  return { zh: '', en: count === 1 ? one : other };
}
