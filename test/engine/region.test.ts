import { describe, expect, it } from 'vitest';
import { SCRIPT_SAMPLE } from '../../server/src/engine/region';
import {
  analyze,
  buildDictionary,
  declaredRegion,
  documentRegion,
  fixAllSafe,
  formatMessage,
  hoverAt,
  mostlyTraditional,
  parseDictionary,
} from '../../server/src/engine';
import { ranges } from '../helpers/dictionary';

/**
 * Taiwan/Hong Kong names (accepted kind `regional`) and the region of a document. Self-contained: an
 * inline dictionary with made-up names, so corrections to data/ cannot break these tests.
 */
const dictionary = buildDictionary([
  parseDictionary(
    `entries:
  - id: alphamib
    category: drug
    zh: 甲替米
    en: alphamib
    accepted:
      - { text: 亞伐邁, kind: regional, regions: [zh-TW], cite: [{ source: test }] }
      - { text: 雅發敏, kind: regional, regions: [zh-HK], cite: [{ source: test }] }
      - { text: 阿法迈, kind: regional, regions: [zh-TW, zh-HK], cite: [{ source: test }] }
    cite: [{ source: test }]
`,
    'regional.yaml',
    'builtin',
  ),
]);

const regionalFindings = (text: string, region?: 'auto' | 'zh-CN' | 'zh-TW' | 'zh-HK') =>
  analyze(text, dictionary, region ? { region } : {}).findings.filter(
    (finding) => finding.ruleId === 'nonstandard-name',
  );

describe('the region of a document', () => {
  it('an explicit setting wins over the script', () => {
    expect(documentRegion('這是繁體字寫的文件', 'zh-CN')).toBe('zh-CN');
    expect(documentRegion('这是简体字写的文件', 'zh-HK')).toBe('zh-HK');
  });

  it('auto: a text mostly in traditional characters is zh-TW, a simplified one zh-CN', () => {
    expect(documentRegion('這是繁體字寫的醫學文件', 'auto')).toBe('zh-TW');
    expect(documentRegion('这是简体字写的医学文件', 'auto')).toBe('zh-CN');
    // Characters common to both scripts do not count: no evidence of traditional script means zh-CN.
    expect(documentRegion('硼替佐米', 'auto')).toBe('zh-CN');
  });

  it('counts characters, so a few traditional names in simplified prose stay zh-CN', () => {
    expect(mostlyTraditional('患者接受來那度胺治疗后，随访时间为十二个月，疗效评价为部分缓解')).toBe(false);
    expect(mostlyTraditional('患者接受来那度胺治療後，隨訪時間為十二個月')).toBe(true);
  });

  it('reads the script of the first SCRIPT_SAMPLE units only (a 100 MB document costs no more)', () => {
    const simplified = '这是简体字写的文件'.repeat(Math.ceil(SCRIPT_SAMPLE / 9));
    expect(mostlyTraditional(simplified + '這是繁體字寫的醫學文件'.repeat(SCRIPT_SAMPLE))).toBe(false);
    expect(mostlyTraditional('这是简体' + '這是繁體字寫的醫學文件'.repeat(10))).toBe(true);
  });

  it('auto: a declaration in the document wins over its script (front matter lang, HTML lang)', () => {
    expect(declaredRegion('---\nlang: zh-HK\n---\n這是繁體字')).toBe('zh-HK');
    expect(documentRegion('---\nlang: zh-HK\n---\n這是繁體字寫的文件', 'auto')).toBe('zh-HK');
    expect(documentRegion('<html lang="zh-Hant-TW"><body>这是简体</body></html>', 'auto')).toBe('zh-TW');
    expect(documentRegion('---\nlanguage: zh-CN\n---\n這是繁體字寫的文件', 'auto')).toBe('zh-CN');
    expect(declaredRegion('---\nlang: en\n---\n')).toBeUndefined();
  });
});

describe('Taiwan/Hong Kong names', () => {
  it('a Taiwan name is recognised as its concept in any document', () => {
    const {
      text,
      ranges: [range],
    } = ranges('使用[[亞伐邁]]治疗');
    const match = analyze(text, dictionary).matches.find((m) => m.conceptId === 'alphamib');
    expect(match?.span).toEqual({ start: range!.start, end: range!.end });
  });

  it('in a zh-TW document (setting) the Taiwan name is accepted silently', () => {
    expect(regionalFindings('使用亞伐邁治疗', 'zh-TW')).toEqual([]);
  });

  it('in a document mostly in traditional script (auto → zh-TW) the Taiwan name is accepted silently', () => {
    expect(regionalFindings('患者使用亞伐邁治療後緩解', 'auto')).toEqual([]);
    expect(regionalFindings('患者使用亞伐邁治療後緩解')).toEqual([]);
  });

  it('in a zh-CN document the Taiwan name is a finding with a suggestion (not a safe fix) to the mainland name', () => {
    const {
      text,
      ranges: [range],
    } = ranges('患者使用[[亞伐邁]]治疗后缓解');
    const span = { start: range!.start, end: range!.end };
    const findings = regionalFindings(text);
    expect(findings.map((finding) => finding.span)).toEqual([span]);
    expect(findings[0]!.conceptId).toBe('alphamib');
    expect(findings[0]!.message.id).toBe('nonstandard-name.regional');
    expect(findings[0]!.fixes).toEqual([
      {
        tier: 'suggestion',
        title: { id: 'nonstandard-name.regionalFix', params: { replacement: '甲替米' } },
        edits: [{ span, newText: '甲替米' }],
      },
    ]);
    expect(formatMessage(findings[0]!.message, 'zh-cn')).toBe(
      '“亞伐邁”是台湾地区用名；中国大陆的通用名为“甲替米”，面向中国大陆的文稿宜用通用名。',
    );
    expect(formatMessage(findings[0]!.message, 'en')).toContain('name used in Taiwan');
    // fix-all leaves it alone: the regional name is right where it is used.
    expect(fixAllSafe(text, dictionary, { region: 'zh-CN' })).toEqual({ text, edits: 0 });
  });

  it('a Hong Kong name is accepted in zh-HK but suggested in zh-TW and zh-CN', () => {
    expect(regionalFindings('使用雅發敏治療', 'zh-HK')).toEqual([]);
    expect(regionalFindings('使用雅發敏治療', 'zh-TW').map((finding) => finding.span)).toEqual([{ start: 2, end: 5 }]);
    expect(regionalFindings('使用雅發敏治療', 'auto').map((finding) => finding.span)).toEqual([{ start: 2, end: 5 }]);
    expect(regionalFindings('使用雅發敏治疗', 'zh-CN').map((finding) => finding.span)).toEqual([{ start: 2, end: 5 }]);
    // A traditional-script document that declares Hong Kong accepts it.
    expect(regionalFindings('---\nlang: zh-HK\n---\n使用雅發敏治療', 'auto')).toEqual([]);
  });

  it('a name of both regions is accepted in either, and named for both', () => {
    expect(regionalFindings('使用阿法迈治疗', 'zh-TW')).toEqual([]);
    expect(regionalFindings('使用阿法迈治疗', 'zh-HK')).toEqual([]);
    const [finding] = regionalFindings('使用阿法迈治疗', 'zh-CN');
    expect(formatMessage(finding!.message, 'en')).toBe(
      '“阿法迈” is the name used in Taiwan and Hong Kong; the generic name in mainland China is “甲替米”, which writing for mainland readers should use.',
    );
  });

  it('the rule\'s severity setting applies ("off" silences it)', () => {
    expect(
      analyze('使用亞伐邁治疗', dictionary, { region: 'zh-CN', rules: { 'nonstandard-name': 'off' } }).findings,
    ).toEqual([]);
  });

  it('hover names the concept and says it is the Taiwan name, in both languages', () => {
    const text = '使用亞伐邁治療';
    const analysis = analyze(text, dictionary, { region: 'zh-TW' });
    const zh = hoverAt(analysis, dictionary, 3, 'zh-cn');
    expect(zh?.conceptId).toBe('alphamib');
    expect(zh?.span).toEqual({ start: 2, end: 5 });
    expect(zh?.markdown).toContain('**台湾地区用名**：中国大陆写作“甲替米”。');
    const en = hoverAt(analysis, dictionary, 3, 'en');
    expect(en?.markdown).toContain('**Name used in Taiwan**: written “甲替米” in mainland China.');
  });

  it('the schema requires regions (and a source) for a regional name, and refuses regions on other kinds', () => {
    const bad = parseDictionary(
      `entries:
  - id: x
    category: drug
    zh: 乙替米
    en: betamib
    accepted:
      - { text: 貝他邁, kind: regional }
      - { text: 贝他迈, kind: synonym, regions: [zh-TW] }
    cite: [{ source: test }]
`,
      'bad.yaml',
      'builtin',
    );
    expect(bad.problems.filter((problem) => problem.severity === 'error').length).toBeGreaterThan(0);
  });
});
