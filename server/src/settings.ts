import {
  REGION_SETTINGS,
  RULE_IDS,
  resolveLocale,
  type Locale,
  type RegimenInsert,
  type RegionSetting,
  type RuleSetting,
} from './engine';
import { isRuleSetting } from './severities';

/** MedTerm's settings (medterm.* in VS Code; the same object from any LSP client). */
export interface Settings {
  readonly enable: boolean;
  readonly languages: readonly string[];
  /** Extra term files (MedTerm format or prh.yml). */
  readonly dictionaries: readonly string[];
  readonly locale: 'auto' | Locale;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly completion: { readonly regimenInsert: RegimenInsert };
  readonly debounceMs: number;
  readonly abbreviations: { readonly ignore: readonly string[] };
  /** The region documents are written for: Taiwan/Hong Kong names are accepted in zh-TW/zh-HK (auto: the document's declaration, else its script). */
  readonly region: RegionSetting;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze<Settings>({
  enable: true,
  languages: ['markdown', 'plaintext', 'latex'],
  dictionaries: [],
  locale: 'auto',
  rules: {},
  completion: { regimenInsert: 'both' },
  debounceMs: 200,
  abbreviations: { ignore: [] },
  region: 'auto',
});

/**
 * Read settings defensively: a wrong type or an unknown value keeps the default for that key and
 * yields a warning naming it, never an exception.
 */
export function readSettings(raw: unknown): { settings: Settings; warnings: string[] } {
  const warnings: string[] = [];
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const pickBoolean = (key: string, fallback: boolean): boolean => {
    const value = source[key];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    warnings.push(`medterm.${key}: expected true or false, got ${JSON.stringify(value)}`);
    return fallback;
  };
  const stringList = (value: unknown, key: string, fallback: readonly string[]): readonly string[] => {
    if (value === undefined) return fallback;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    warnings.push(`medterm.${key}: expected a list of strings`);
    return fallback;
  };
  const locale = source['locale'];
  let resolvedLocale: Settings['locale'] = DEFAULT_SETTINGS.locale;
  if (locale === 'auto' || locale === 'zh-cn' || locale === 'en') resolvedLocale = locale;
  else if (locale !== undefined)
    warnings.push(`medterm.locale: unknown value ${JSON.stringify(locale)} (auto, zh-cn or en)`);

  const rules: Record<string, RuleSetting> = {};
  const rawRules = source['rules'];
  if (rawRules && typeof rawRules === 'object') {
    for (const [id, value] of Object.entries(rawRules as Record<string, unknown>)) {
      if (!RULE_IDS.includes(id)) warnings.push(`medterm.rules: unknown rule "${id}" (${RULE_IDS.join(', ')})`);
      else if (isRuleSetting(value)) rules[id] = value;
      else
        warnings.push(
          `medterm.rules.${id}: unknown value ${JSON.stringify(value)} (error, warning, information, hint, off)`,
        );
    }
  } else if (rawRules !== undefined) {
    warnings.push('medterm.rules: expected an object of rule id → severity');
  }

  const completion = (source['completion'] ?? {}) as Record<string, unknown>;
  let regimenInsert: RegimenInsert = DEFAULT_SETTINGS.completion.regimenInsert;
  const insert = completion['regimenInsert'];
  if (insert === 'abbreviation' || insert === 'components' || insert === 'both') regimenInsert = insert;
  else if (insert !== undefined)
    warnings.push(`medterm.completion.regimenInsert: unknown value ${JSON.stringify(insert)}`);

  let debounceMs = DEFAULT_SETTINGS.debounceMs;
  const debounce = source['debounceMs'];
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) debounceMs = Math.min(debounce, 5000);
  else if (debounce !== undefined) warnings.push(`medterm.debounceMs: expected a number of milliseconds ≥ 0`);

  const abbreviations = (source['abbreviations'] ?? {}) as Record<string, unknown>;
  const region = source['region'];
  let resolvedRegion: RegionSetting = DEFAULT_SETTINGS.region;
  if (REGION_SETTINGS.includes(region as RegionSetting)) resolvedRegion = region as RegionSetting;
  else if (region !== undefined)
    warnings.push(`medterm.region: unknown value ${JSON.stringify(region)} (${REGION_SETTINGS.join(', ')})`);
  return {
    settings: {
      enable: pickBoolean('enable', DEFAULT_SETTINGS.enable),
      languages: stringList(source['languages'], 'languages', DEFAULT_SETTINGS.languages),
      dictionaries: stringList(source['dictionaries'], 'dictionaries', DEFAULT_SETTINGS.dictionaries),
      locale: resolvedLocale,
      rules,
      completion: { regimenInsert },
      debounceMs,
      abbreviations: { ignore: stringList(abbreviations['ignore'], 'abbreviations.ignore', []) },
      region: resolvedRegion,
    },
    warnings,
  };
}

/** The locale messages are shown in: the setting, else the client's display language. */
export function effectiveLocale(settings: Settings, clientLocale: string | undefined): Locale {
  return settings.locale === 'auto' ? resolveLocale(clientLocale) : settings.locale;
}
