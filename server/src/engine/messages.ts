import { DOCX_MESSAGES } from './docx/errors';
import { render, renderBoth, type MessageTable, type TemplateParameters } from './messageFormat';
import { RULES, type RuleMessageId } from './rules';
import type { Bilingual, Locale, Message } from './types';

/**
 * Every user-visible string of the engine, by message id, in Chinese and English: each rule's own table
 * (`messages`, beside the rule), the tables below for hover, completion, workspace commands and term-file
 * problems, and the Word-document table (docx/errors.ts). Rules and features emit Message {id, params};
 * rendering happens at the edge (server, CLI) so that tests can assert ids and parameters instead of prose.
 * Data enums (categories, variant kinds) are labelled in labels.ts, as Bilingual values given as parameters.
 */

/** The hover card (hover.ts). Lists are built by folding `hover.list`/`hover.sources` over their items. */
const HOVER_MESSAGES = {
  'hover.nearMiss': { zh: '**是否应为**“{candidate}”？{why}', en: '**Did you mean** “{candidate}”? {why}' },
  'hover.unknownDrug': {
    zh: '**不在词典中**：“{text}”。词干“{rendering}”（{stem}）：{meaning}{basis}',
    // A rendered message is trimmed: the space before {basis} goes where the basis is empty (a WHO stem).
    en: '**Not in the dictionary**: “{text}”. Stem {stem} ({rendering}): {meaning} {basis}',
  },
  'hover.regional': {
    zh: '**{region}用名**：中国大陆写作“{standard}”。 {note}',
    en: '**Name used in {region}**: written “{standard}” in mainland China. {note}',
  },
  'hover.nonstandard': {
    zh: '**非标准写法**：应写作“{replacement}”。 {note}（{kind}）',
    en: '**Non-standard form**: write “{replacement}”. {note} ({kind})',
  },
  'hover.mechanism': { zh: '机制/说明：{text}', en: 'What it is: {text}' },
  'hover.targets': { zh: '靶点：{list}', en: 'Targets: {list}' },
  'hover.route': { zh: '给药途径：{list}', en: 'Route: {list}' },
  'hover.components': { zh: '组成：{list}', en: 'Components: {list}' },
  'hover.milestone': { zh: '- {text}（{sources}）', en: '- {text} ({sources})' },
  'hover.regimens': { zh: '所属方案：{list}', en: 'Regimens: {list}' },
  'hover.inRegimen': { zh: '此处为方案 **{regimen}**（{name}）', en: 'Here part of **{regimen}** ({name})' },
  'hover.otherNames': { zh: '其他名称：{list}', en: 'Other names: {list}' },
  'hover.variants': { zh: '非标准写法：{list}', en: 'Non-standard forms: {list}' },
  'hover.correction': {
    zh: '> 更正（{claim}）：{text} — {sources}',
    en: '> Correction ({claim}): {text} — {sources}',
  },
  'hover.sources': { zh: '出处：{list}', en: 'Sources: {list}' },
  'hover.origin': { zh: '_来自 {source}_', en: '_from {source}_' },
  /** A name with what it is, in the punctuation of the card's language: 卡非佐米（carfilzomib）, KRd (abbreviation). */
  'hover.named': { zh: '{text}（{note}）', en: '{text} ({note})' },
  /** One more item of a list (other names, regimens, non-standard forms). */
  'hover.list': { zh: '{items}、{item}', en: '{items}, {item}' },
  /** One more source of a list of sources. */
  'hover.citations': { zh: '{items}；{item}', en: '{items}; {item}' },
  /** A section of the review ({section}: §2.1, or the abstract) with its reference numbers ({refs}: " [3, 4]"). */
  'hover.citation': { zh: '综述 {section}{refs}', en: 'review {section}{refs}' },
  'hover.abstract': { zh: '摘要', en: 'abstract' },
} as const satisfies MessageTable<'hover'>;

const COMPLETION_MESSAGES = {
  /** In a completion item's detail: the non-standard form that was typed. */
  'completion.nonstandard': { zh: '非标准：{text}', en: 'non-standard: {text}' },
} as const satisfies MessageTable<'completion'>;

/** The server's workspace quick fixes (features/codeActions.ts). */
const WORKSPACE_MESSAGES = {
  'workspace.accept': {
    zh: 'MedTerm：在本工作区接受“{text}”（写入 .medterm/terms.yaml）',
    en: 'MedTerm: accept “{text}” in this workspace (writes .medterm/terms.yaml)',
  },
  'workspace.differentDrug': {
    zh: 'MedTerm：“{text}”是另一种药，不是“{candidate}”（在本工作区接受，写入 .medterm/terms.yaml）',
    en: 'MedTerm: “{text}” is a different drug, not “{candidate}” (accept it in this workspace; writes .medterm/terms.yaml)',
  },
  'workspace.addVariant': {
    zh: 'MedTerm：在本工作区把“{text}”作为非标准写法，改用“{preferred}”（写入 .medterm/terms.yaml）',
    en: 'MedTerm: make “{text}” a non-standard form in this workspace, write “{preferred}” (writes .medterm/terms.yaml)',
  },
} as const satisfies MessageTable<'workspace'>;

/** What the language server says outside diagnostics: code actions, notifications, progress. */
const SERVER_MESSAGES = {
  'server.fixAll': { zh: 'MedTerm：修复全部安全问题（{count} 处）', en: 'MedTerm: fix all safe findings ({count})' },
  'server.noWorkspaceFolder': {
    zh: 'MedTerm：{name} 不在任何工作区文件夹中，没有可写入的工作区术语文件。请将其所在文件夹作为工作区打开，或把术语加入 ~/.medterm。',
    en: 'MedTerm: {name} is not in a workspace folder, so there is no workspace term file to write. Open its folder as a workspace, or add the term to ~/.medterm.',
  },
  /** {reason}: one of server.writeProblem.*, or the system's own message. */
  'server.writeFailed': {
    zh: 'MedTerm：无法写入 {path}（{reason}），文件保持原样。',
    en: 'MedTerm: could not write {path} ({reason}); the file is left as it was.',
  },
  'server.writeProblem.read-only': { zh: '文件为只读', en: 'the file is read-only' },
  'server.writeProblem.not-permitted': { zh: '没有写入权限', en: 'no permission to write it' },
  'server.writeProblem.no-space': { zh: '磁盘空间不足', en: 'no space left on the device' },
  'server.writeProblem.changed': { zh: '文件刚被其他程序改动', en: 'it was just changed by another program' },
  'server.writeProblem.not-a-file': { zh: '不是普通文件', en: 'not a regular file' },
  'server.reloadFailed': {
    zh: 'MedTerm：无法重新加载术语文件（{reason}），继续使用之前的词典。',
    en: 'MedTerm: the term files could not be reloaded ({reason}); the previous dictionary stays in use.',
  },
  /** {problem}: a termFile.* message. */
  'server.termFileProblem': { zh: 'MedTerm：{problem}', en: 'MedTerm: {problem}' },
  'server.termFileErrors': {
    zh: 'MedTerm：术语文件 {path} 中有 {count} 处错误，出错的条目已被忽略，词典其余部分照常工作。',
    en: 'MedTerm: {count} problem(s) in the term file {path}. The entries in error are ignored; the rest of the dictionary works.',
  },
  'server.cacheUnusable': {
    zh: '无法创建缓存文件夹 {directory}，本次不使用缓存（可用 MEDTERM_CACHE_DIR 指定位置，=off 关闭）',
    en: 'the cache folder {directory} cannot be created; working without the cache (MEDTERM_CACHE_DIR sets it, =off turns it off)',
  },
  'server.consistencyProgress': { zh: '检查 {count} 个文件的术语一致性', en: 'checking {count} files for consistency' },
  'server.largeDocumentProgress': { zh: '正在检查大文档 {name}', en: 'checking the large document {name}' },
} as const satisfies MessageTable<'server'>;

/** Term file paths that cannot be read as term files (server/src/termFileProblems.ts): CLI, notification, diagnostics. */
const TERM_FILE_MESSAGES = {
  'termFile.not-found': { zh: '找不到术语文件：{path}', en: 'term file not found: {path}' },
  'termFile.not-a-file': {
    zh: '{path} 不是普通文件（可能是文件夹、FIFO 或设备），不作为术语文件读取',
    en: '{path} is not a regular file (a folder, a FIFO or a device); it is not read as a term file',
  },
  'termFile.not-a-folder': {
    zh: '{path} 不是文件夹：用户术语文件从文件夹 ~/.medterm（或 $MEDTERM_HOME）读取；已忽略',
    en: '{path} is not a folder: user term files are read from the folder ~/.medterm (or $MEDTERM_HOME); it is ignored',
  },
} as const satisfies MessageTable<'termFile'>;

/** The tables that belong to no rule, by the first part of their ids. */
export const SHARED_MESSAGES = {
  ...HOVER_MESSAGES,
  ...COMPLETION_MESSAGES,
  ...WORKSPACE_MESSAGES,
  ...SERVER_MESSAGES,
  ...TERM_FILE_MESSAGES,
  ...DOCX_MESSAGES,
} as const;

/** A message id: a key of one of the tables, so that a misspelt id does not compile. */
export type MessageId = RuleMessageId | keyof typeof SHARED_MESSAGES;

type Tables = typeof SHARED_MESSAGES | (typeof RULES)[number]['messages'];
type TemplateOf<Id extends MessageId> = Extract<Tables, { readonly [key in Id]: Bilingual }>[Id];

/** The `{name}` parameters of a message's templates (Chinese and English), as a type. */
export type ParametersOf<Id extends MessageId> = TemplateParameters<TemplateOf<Id>['zh'] | TemplateOf<Id>['en']>;

const MESSAGES: Readonly<Record<MessageId, Bilingual>> = Object.assign(
  {},
  SHARED_MESSAGES,
  ...RULES.map((rule) => rule.messages),
);

/** Every message id with its template (for the tests that check tables against each other). */
export function messageTemplates(): ReadonlyMap<string, Bilingual> {
  return new Map(Object.entries(MESSAGES));
}

/** The message in a locale (`{name}` left as is where a parameter is missing; the raw id for an unknown id). */
export function formatMessage(message: Message, locale: Locale): string {
  const template: Bilingual | undefined = MESSAGES[message.id];
  return template ? render(template, message.params, locale) : message.id;
}

/** A message rendered in both languages (for a message used as another message's parameter). */
export function bilingualMessage(message: Message): Bilingual {
  return renderBoth(MESSAGES[message.id], message.params);
}

export function hasMessage(id: string): boolean {
  return Object.hasOwn(MESSAGES, id);
}

/** Map any BCP-47-ish tag (zh-CN, zh-Hans, en-US) to a supported locale. */
export function resolveLocale(tag: string | undefined): Locale {
  if (!tag) return 'zh-cn';
  return tag.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

export { pick } from './messageFormat';
