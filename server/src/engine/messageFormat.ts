import type { MessageId, ParametersOf } from './messages';
import type { Bilingual, Locale, Message, MessageParams } from './types';

/**
 * The one way MedTerm localises: a template per language, with `{name}` parameters, rendered by `render`.
 * Message tables (a rule's, the shared ones in messages.ts) are `as const satisfies MessageTable<…>`, so
 * their keys stay literal types and `MessageId` can be derived from them. This module imports no table, so
 * that a rule can render its own messages without importing messages.ts (which imports the rules).
 */
export type MessageTable<Prefix extends string = string> = { readonly [id in `${Prefix}.${string}`]: Bilingual };

export function pick(text: Bilingual, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}

/**
 * A template split once into literal text (even indices) and parameter names (odd indices): a document's
 * diagnostics format a thousand messages per edit, and a `replace` with a callback per message cost more
 * than everything else in turning findings into diagnostics. Templates are the strings of the message
 * tables, a fixed set, so the cache is bounded.
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

/** The `{name}` parameters of a template, in order of first use. */
export function templateParameters(template: string): string[] {
  return [...new Set(partsOf(template).filter((_, index) => index % 2 === 1))];
}

/** A template in a locale with its parameters filled in (a Bilingual parameter in the same locale); trimmed. */
export function render(template: Bilingual, params: MessageParams | undefined, locale: Locale): string {
  const parts = partsOf(pick(template, locale));
  let out = parts[0]!;
  for (let k = 1; k < parts.length; k += 2) {
    const name = parts[k]!;
    const value = params?.[name];
    out += value === undefined ? `{${name}}` : typeof value === 'object' ? pick(value, locale) : String(value);
    out += parts[k + 1]!;
  }
  return out.trim();
}

/** A template rendered in both languages (for a message used as another message's parameter). */
export function renderBoth(template: Bilingual, params?: MessageParams): Bilingual {
  return { zh: render(template, params, 'zh-cn'), en: render(template, params, 'en') };
}

/** The `{name}` parameters of a template, as a type: `TemplateParameters<'“{text}” → “{replacement}”'>` is `'text' | 'replacement'`. */
export type TemplateParameters<Template extends string> = Template extends `${string}{${infer Name}}${infer Rest}`
  ? Name | TemplateParameters<Rest>
  : never;

/** The parameters a message needs (those of its Chinese and English templates); others may be added for a hover. */
export type ArgumentsOf<Id extends MessageId> = [ParametersOf<Id>] extends [never]
  ? [params?: MessageParams]
  : [params: Readonly<Record<ParametersOf<Id>, string | number | Bilingual>> & MessageParams];

/**
 * A message with its parameters checked at compile time: `message('nonstandard-name.fix', { replacement })`
 * does not compile without `replacement`. Rules build their findings' messages with it.
 */
export function message<Id extends MessageId>(id: Id, ...[params]: ArgumentsOf<Id>): Message {
  return params === undefined ? { id } : { id, params };
}
