import { simplifiedUnit, traditionalUnit } from './text/script';
import type { Region } from './types';

/** medterm.region: a region, or `auto` (what the document declares, else its script). */
export type RegionSetting = 'auto' | Region;

export const REGION_SETTINGS: readonly RegionSetting[] = ['auto', 'zh-CN', 'zh-TW', 'zh-HK'];

/**
 * A region the document declares near its start: a front-matter `lang:`/`language:` line or an HTML/XML
 * `lang="…"` attribute with a Chinese tag (zh-TW, zh-Hant-HK, zh_HK, zh-Hans…).
 */
const DECLARATION =
  /(?:^|\n)\s*(?:lang|language)\s*:\s*["']?(zh[-_A-Za-z]*)|\b(?:xml:)?lang\s*=\s*["'](zh[-_A-Za-z]*)["']/;

export function declaredRegion(text: string): Region | undefined {
  const found = DECLARATION.exec(text.slice(0, 2000));
  const tag = (found?.[1] ?? found?.[2])?.toLowerCase().replace(/_/g, '-');
  if (!tag) return undefined;
  if (/-(hk|mo)\b/.test(tag)) return 'zh-HK';
  if (/-tw\b/.test(tag) || tag === 'zh-hant') return 'zh-TW';
  if (/-(cn|sg|hans)\b/.test(tag)) return 'zh-CN';
  return undefined;
}

/** How much of a document its script is read from: enough for any text, and a 100 MB document costs no more. */
export const SCRIPT_SAMPLE = 100_000;

/**
 * Whether the text is written mostly in traditional characters: more characters that only traditional
 * script uses (來, 藥) than characters that only simplified script uses (来, 药), counted over its first
 * SCRIPT_SAMPLE UTF-16 units. Characters common to both scripts (胺, 米) do not count.
 */
export function mostlyTraditional(text: string): boolean {
  let traditional = 0;
  let simplified = 0;
  const end = Math.min(text.length, SCRIPT_SAMPLE);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x3400) continue;
    if (simplifiedUnit(code) !== code) traditional++;
    else if (traditionalUnit(code) !== code) simplified++;
  }
  return traditional > simplified;
}

/**
 * The region a document is written for. An explicit setting wins; `auto` takes what the document declares,
 * else a document written mostly in traditional characters counts as Taiwan's (zh-TW) and any other as the
 * mainland's (zh-CN). Hong Kong is never guessed from the script: set it, or declare it (lang: zh-HK).
 */
export function documentRegion(text: string, setting: RegionSetting = 'auto'): Region {
  if (setting !== 'auto') return setting;
  return declaredRegion(text) ?? (mostlyTraditional(text) ? 'zh-TW' : 'zh-CN');
}
