import { DOCX_MESSAGES } from './docx/errors';
import type { Bilingual, Locale, Message, VariantKind } from './types';

/**
 * Every user-visible string of the engine, keyed by message id, in Chinese and English.
 * Rules and features emit Message {id, params}; rendering happens at the edge (server, CLI) so that
 * tests can assert ids and parameters instead of prose.
 */
const MESSAGES: Record<string, Bilingual> = {
  'nonstandard-name.message': {
    zh: '“{text}”是非标准写法（{kind}），应写作“{replacement}”。{note}',
    en: '“{text}” is non-standard ({kind}); write “{replacement}”. {note}',
  },
  'nonstandard-name.fix': { zh: '改为“{replacement}”', en: 'Replace with “{replacement}”' },
  'confusable-term.message': {
    zh: '此处可能应为“{other}”（{otherEn}）：{reason}',
    en: 'Probably “{other}” ({otherEn}) is meant here: {reason}',
  },
  'confusable-term.fix': { zh: '改为“{other}”（请确认语义）', en: 'Replace with “{other}” (check the meaning)' },
  'inconsistent-term.message': {
    zh: '同一概念（{en}）在本文档中既写作“{text}”，也写作“{preferred}”（{count} 处）；建议统一为“{preferred}”',
    en: 'One concept ({en}) is written both “{text}” and “{preferred}” ({count}×) in this document; use “{preferred}” throughout',
  },
  'inconsistent-term.fix.one': { zh: '改为“{preferred}”', en: 'Replace with “{preferred}”' },
  'inconsistent-term.fix.all': {
    zh: '在本文档中全部统一为“{preferred}”（{count} 处）',
    en: 'Replace all in this document with “{preferred}” ({count}×)',
  },
  'inconsistent-term.related': { zh: '此处写作“{preferred}”', en: '“{preferred}” is used here' },
  'inconsistent-term.workspace': {
    zh: '同一概念（{en}）在工作区其他文件中写作“{preferred}”（{count} 处，{files} 个文件）；本文件写作“{text}”，建议统一',
    en: 'One concept ({en}) is written “{preferred}” in other files of the workspace ({count}× in {files} files) but “{text}” here; unify them',
  },
  'inconsistent-term.workspace.related': { zh: '此处写作“{preferred}”', en: '“{preferred}” is used here' },
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
  'undefined-abbreviation.message': {
    zh: '缩写“{abbreviation}”在首次出现时未给出全称（{expansion}）',
    en: 'Abbreviation “{abbreviation}” is used without a definition at its first use ({expansion})',
  },
  'undefined-abbreviation.fix': { zh: '在此定义：{definition}', en: 'Define it here: {definition}' },
  'undefined-abbreviation.related': { zh: '此处给出了定义', en: 'defined here' },
  'near-miss-name.message': {
    zh: '“{text}”不在词典中，可能应为“{candidate}”：{why}',
    en: '“{text}” is not in the dictionary; probably “{candidate}”: {why}',
  },
  'near-miss-name.why.homophone': {
    zh: '“{written}”与“{meant}”同音（{reading}），通用名是“{name}”',
    en: '{written} and {meant} are both {reading}; the generic name is {name}',
  },
  'near-miss-name.why.near-homophone': {
    zh: '“{written}”（{writtenReading}）与“{meant}”（{reading}）读音相近，通用名是“{name}”',
    en: '{written} ({writtenReading}) sounds like {meant} ({reading}); the generic name is {name}',
  },
  'near-miss-name.why.glyph': {
    zh: '“{written}”与“{meant}”字形相近，通用名是“{name}”',
    en: '{written} and {meant} look alike; the generic name is {name}',
  },
  'near-miss-name.why.dropped': {
    zh: '少了“{meant}”字，通用名是“{name}”',
    en: 'the character {meant} is missing; the generic name is {name}',
  },
  'near-miss-name.why.added': {
    zh: '多了“{written}”字，通用名是“{name}”',
    en: 'the character {written} is one too many; the generic name is {name}',
  },
  'near-miss-name.why.substituted': {
    zh: '与“{known}”只差一字（“{written}”/“{meant}”），通用名是“{name}”',
    en: 'one character from {known} ({written} for {meant}); the generic name is {name}',
  },
  'near-miss-name.why.english': {
    zh: '与“{known}”只差 {distance} 个字母，应写作“{name}”',
    en: '{distance} letter(s) from {known}; write {name}',
  },
  'near-miss-name.fix': { zh: '改为“{candidate}”（请确认）', en: 'Replace with “{candidate}” (check it)' },
  'unknown-drug-name.message': {
    zh: '“{text}”不在词典中：词干“{rendering}”（{stem}）表示{meaning}；请核对药名',
    en: '“{text}” is not in the dictionary: its stem {stem} ({rendering}) means {meaning}; check the name',
  },
  'hover.nearMiss': { zh: '**是否应为**“{candidate}”？{why}', en: '**Did you mean** “{candidate}”? {why}' },
  'hover.unknownDrug': {
    zh: '**不在词典中**：“{text}”。词干“{rendering}”（{stem}）：{meaning}{basis}',
    en: '**Not in the dictionary**: “{text}”. Stem {stem} ({rendering}): {meaning}{basis}',
  },
  'hover.stemPattern': {
    zh: '（命名规律，非 WHO 词干表所列）',
    en: " (a naming pattern, not a stem of WHO's stem book)",
  },
  'nonstandard-name.regional': {
    zh: '“{text}”是{region}用名；中国大陆的通用名为“{replacement}”，面向中国大陆的文稿宜用通用名。',
    en: '“{text}” is the name used in {region}; the generic name in mainland China is “{replacement}”, which writing for mainland readers should use.',
  },
  'nonstandard-name.regionalFix': {
    zh: '改为中国大陆通用名“{replacement}”',
    en: 'Replace with the mainland generic name “{replacement}”',
  },
  'hover.regional': {
    zh: '**{region}用名**：中国大陆写作“{standard}”。',
    en: '**Name used in {region}**: written “{standard}” in mainland China.',
  },
  'hover.nonstandard': {
    zh: '**非标准写法**：应写作“{replacement}”。',
    en: '**Non-standard form**: write “{replacement}”.',
  },
  ...DOCX_MESSAGES,
};

const VARIANT_KIND: Record<VariantKind, Bilingual> = {
  'nonstandard-transliteration': { zh: '非标准音译', en: 'non-standard transliteration' },
  'nonstandard-term': { zh: '非规范术语', en: 'non-standard term' },
  'nonstandard-character': { zh: '非规范用字', en: 'non-standard character' },
  outdated: { zh: '旧称', en: 'outdated name' },
  typo: { zh: '笔误', en: 'typo' },
  misnomer: { zh: '误用', en: 'misnomer' },
  'letter-case': { zh: '大小写', en: 'letter case' },
};

export function variantKindLabel(kind: VariantKind): Bilingual {
  return VARIANT_KIND[kind];
}

export function pick(text: Bilingual, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}

/**
 * A template split once into literal text (even indices) and parameter names (odd indices): a document's
 * diagnostics format a thousand messages per edit, and a `replace` with a callback per message cost more
 * than everything else in turning findings into diagnostics.
 */
const compiled = new Map<string, readonly string[]>();

function partsOf(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    compiled.set(template, parts);
  }
  return parts;
}

export function formatMessage(message: Message, locale: Locale): string {
  const template = MESSAGES[message.id];
  if (!template) return message.id;
  const parts = partsOf(pick(template, locale));
  let out = parts[0]!;
  for (let k = 1; k < parts.length; k += 2) {
    const name = parts[k]!;
    const value = message.params?.[name];
    out += value === undefined ? `{${name}}` : typeof value === 'object' ? pick(value, locale) : String(value);
    out += parts[k + 1]!;
  }
  return out.trim();
}

/** A message rendered in both languages (for a message used as another message's parameter). */
export function bilingualMessage(message: Message): Bilingual {
  return { zh: formatMessage(message, 'zh-cn'), en: formatMessage(message, 'en') };
}

export function hasMessage(id: string): boolean {
  return id in MESSAGES;
}

/** Map any BCP-47-ish tag (zh-CN, zh-Hans, en-US) to a supported locale. */
export function resolveLocale(tag: string | undefined): Locale {
  if (!tag) return 'zh-cn';
  return tag.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}
