import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  buildDictionary,
  complete,
  crossFileFindings,
  fileForms,
  formatMessage,
  hoverAt,
  parseDictionary,
  RULES,
  type Locale,
  type Message,
  type RuleId,
} from '../../server/src/engine';
import { DocxError } from '../../server/src/engine/docx/errors';
import { message, renderBoth } from '../../server/src/engine/messageFormat';
import { termFileProblemMessage } from '../../server/src/termFileProblems';
import { ROOT } from '../helpers/dictionary';

/**
 * Hover cards and completion details are rendered through message ids (engine/messages.ts), in Chinese and
 * English. The expected cards are the bytes the inline `zh ? … : …` code produced before the labels moved into
 * the message tables. A small fictional dictionary (甲替尼 is no real drug), in a workspace layer so that the
 * card names its source file, reaches every line of the card.
 */
const YAML = `entries:
  - id: test-class
    category: drug-class
    zh: 甲类抑制剂
    en: alpha inhibitor
    cite: [{ source: test }]
  - id: test-target
    category: target
    zh: 甲靶点
    en: alpha target
    cite: [{ source: test }]
  - id: test-drug
    category: drug
    zh: 甲替尼
    en: alphatinib
    abbreviations: [ATB]
    accepted:
      - { text: 甲替尼片, kind: salt }
      - { text: 甲替尼港名, kind: regional, regions: [zh-HK], note: { zh: 香港用名, en: the Hong Kong name }, cite: [{ source: test }] }
    variants:
      - { text: 甲蒂尼, kind: nonstandard-transliteration, note: { zh: 旧写法, en: an old spelling } }
    classes: [test-class]
    targets: [test-target]
    mechanism: { zh: 测试机制, en: a test mechanism }
    route: [oral, intravenous]
    milestones:
      - { year: 2020, text: { zh: 测试里程碑, en: a test milestone }, cite: [{ review: "2.1", refs: [1, 2] }, { source: second }] }
    corrections:
      - claim: { review: abstract }
        correction: { zh: 测试更正, en: a test correction }
        cite: [{ review: "3" }, { source: third }]
    cite: [{ review: "2.1", refs: [3] }, { source: fourth }]
  - id: test-drug-b
    category: drug
    zh: 乙替尼
    en: betatinib
    accepted:
      - { text: 乙替尼素, kind: synonym, cite: [{ source: test }] }
    cite: [{ source: test }]
  - id: test-regimen
    category: regimen
    zh: 甲乙方案
    en: alpha-beta
    abbreviations: [AB]
    components: [test-drug, test-drug-b]
    cite: [{ source: test }]
`;

const dictionary = buildDictionary([parseDictionary(YAML, 'small.yaml', 'workspace')]);

function hover(text: string, locale: Locale): string | undefined {
  const analysis = analyze(text, dictionary, { languageId: 'plaintext', region: 'zh-CN' });
  return hoverAt(analysis, dictionary, 1, locale)?.markdown;
}

describe('hover cards in both languages (byte for byte as before the message tables)', () => {
  it('the fixture dictionary has no problems', () => {
    expect(dictionary.problems).toEqual([]);
  });

  it('a drug in a written-out regimen: mechanism, targets, route, milestones, regimens, other names, variants, corrections, sources, origin (zh-cn)', () => {
    expect(hover('甲替尼联合乙替尼', 'zh-cn')).toBe(
      [
        '**甲替尼** · alphatinib  ',
        '药物 · 甲类抑制剂',
        '',
        '机制/说明：测试机制  ',
        '靶点：甲靶点  ',
        '给药途径：口服、静脉',
        '',
        '- 测试里程碑（综述 §2.1 [1, 2]；second）',
        '',
        '所属方案：AB  ',
        '此处为方案 **AB**（甲乙方案）  ',
        '其他名称：ATB（缩写）、甲替尼片（盐/剂型）、甲替尼港名（香港地区）  ',
        '非标准写法：~~甲蒂尼~~',
        '',
        '> 更正（综述 摘要）：测试更正 — 综述 §3；third',
        '',
        '出处：综述 §2.1 [3]；fourth  ',
        '_来自 small.yaml_',
      ].join('\n'),
    );
  });
  it('a drug in a written-out regimen: mechanism, targets, route, milestones, regimens, other names, variants, corrections, sources, origin (en)', () => {
    expect(hover('甲替尼联合乙替尼', 'en')).toBe(
      [
        '**甲替尼** · alphatinib  ',
        'drug · alpha inhibitor',
        '',
        'What it is: a test mechanism  ',
        'Targets: alpha target  ',
        'Route: oral、intravenous',
        '',
        '- a test milestone (review §2.1 [1, 2]; second)',
        '',
        'Regimens: AB  ',
        'Here part of **AB** (甲乙方案)  ',
        'Other names: ATB (abbreviation), 甲替尼片 (salt / form), 甲替尼港名 (Hong Kong)  ',
        'Non-standard forms: ~~甲蒂尼~~',
        '',
        '> Correction (review abstract): a test correction — review §3; third',
        '',
        'Sources: review §2.1 [3]; fourth  ',
        '_from small.yaml_',
      ].join('\n'),
    );
  });
  it('a non-standard form: what to write, its note and kind, over the card (zh-cn)', () => {
    expect(hover('甲蒂尼', 'zh-cn')).toBe(
      [
        '**非标准写法**：应写作“甲替尼”。 旧写法（非标准音译）',
        '',
        '**甲替尼** · alphatinib  ',
        '药物 · 甲类抑制剂',
        '',
        '机制/说明：测试机制  ',
        '靶点：甲靶点  ',
        '给药途径：口服、静脉',
        '',
        '- 测试里程碑（综述 §2.1 [1, 2]；second）',
        '',
        '所属方案：AB  ',
        '其他名称：ATB（缩写）、甲替尼片（盐/剂型）、甲替尼港名（香港地区）  ',
        '非标准写法：~~甲蒂尼~~',
        '',
        '> 更正（综述 摘要）：测试更正 — 综述 §3；third',
        '',
        '出处：综述 §2.1 [3]；fourth  ',
        '_来自 small.yaml_',
      ].join('\n'),
    );
  });
  it('a non-standard form: what to write, its note and kind, over the card (en)', () => {
    expect(hover('甲蒂尼', 'en')).toBe(
      [
        '**Non-standard form**: write “甲替尼”. an old spelling (non-standard transliteration)',
        '',
        '**甲替尼** · alphatinib  ',
        'drug · alpha inhibitor',
        '',
        'What it is: a test mechanism  ',
        'Targets: alpha target  ',
        'Route: oral、intravenous',
        '',
        '- a test milestone (review §2.1 [1, 2]; second)',
        '',
        'Regimens: AB  ',
        'Other names: ATB (abbreviation), 甲替尼片 (salt / form), 甲替尼港名 (Hong Kong)  ',
        'Non-standard forms: ~~甲蒂尼~~',
        '',
        '> Correction (review abstract): a test correction — review §3; third',
        '',
        'Sources: review §2.1 [3]; fourth  ',
        '_from small.yaml_',
      ].join('\n'),
    );
  });
  it('a regimen: its components, each named (zh-cn)', () => {
    expect(hover('AB 方案', 'zh-cn')).toBe(
      [
        '**甲乙方案** · alpha-beta  ',
        '治疗方案',
        '',
        '组成：甲替尼（alphatinib） + 乙替尼（betatinib）  ',
        '其他名称：AB（缩写）',
        '',
        '出处：test  ',
        '_来自 small.yaml_',
      ].join('\n'),
    );
  });
  it('a regimen: its components, each named (en)', () => {
    expect(hover('AB 方案', 'en')).toBe(
      [
        '**甲乙方案** · alpha-beta  ',
        'regimen',
        '',
        'Components: 甲替尼 (alphatinib) + 乙替尼 (betatinib)  ',
        'Other names: AB (abbreviation)',
        '',
        'Sources: test  ',
        '_from small.yaml_',
      ].join('\n'),
    );
  });
  it('a Hong Kong name in a text for mainland China: the mainland name, with the note (zh-cn)', () => {
    expect(hover('甲替尼港名，甲乙方案', 'zh-cn')).toBe(
      [
        '**香港地区用名**：中国大陆写作“甲替尼”。 香港用名',
        '',
        '**甲替尼** · alphatinib  ',
        '药物 · 甲类抑制剂',
        '',
        '机制/说明：测试机制  ',
        '靶点：甲靶点  ',
        '给药途径：口服、静脉',
        '',
        '- 测试里程碑（综述 §2.1 [1, 2]；second）',
        '',
        '所属方案：AB  ',
        '其他名称：ATB（缩写）、甲替尼片（盐/剂型）、甲替尼港名（香港地区）  ',
        '非标准写法：~~甲蒂尼~~',
        '',
        '> 更正（综述 摘要）：测试更正 — 综述 §3；third',
        '',
        '出处：综述 §2.1 [3]；fourth  ',
        '_来自 small.yaml_',
      ].join('\n'),
    );
  });
  it('a Hong Kong name in a text for mainland China: the mainland name, with the note (en)', () => {
    expect(hover('甲替尼港名，甲乙方案', 'en')).toBe(
      [
        '**Name used in Hong Kong**: written “甲替尼” in mainland China. the Hong Kong name',
        '',
        '**甲替尼** · alphatinib  ',
        'drug · alpha inhibitor',
        '',
        'What it is: a test mechanism  ',
        'Targets: alpha target  ',
        'Route: oral、intravenous',
        '',
        '- a test milestone (review §2.1 [1, 2]; second)',
        '',
        'Regimens: AB  ',
        'Other names: ATB (abbreviation), 甲替尼片 (salt / form), 甲替尼港名 (Hong Kong)  ',
        'Non-standard forms: ~~甲蒂尼~~',
        '',
        '> Correction (review abstract): a test correction — review §3; third',
        '',
        'Sources: review §2.1 [3]; fourth  ',
        '_from small.yaml_',
      ].join('\n'),
    );
  });
});

describe('completion details in both languages', () => {
  it('names the non-standard form that was typed', () => {
    expect(complete('甲蒂', 2, dictionary, { locale: 'zh-cn' })?.items.map((item) => item.detail)).toEqual([
      'alphatinib · 药物 · 非标准：甲蒂尼',
    ]);
    expect(complete('甲蒂', 2, dictionary, { locale: 'en' })?.items.map((item) => item.detail)).toEqual([
      'alphatinib · drug · non-standard: 甲蒂尼',
    ]);
  });
});

describe('the hover of a word built like a drug name', () => {
  const rule = RULES.find((candidate) => candidate.id === 'unknown-drug-name')!;
  const basis = renderBoth(rule.messages['unknown-drug-name.stemPattern']);
  const params = { text: '卡洛度胺', rendering: '度胺', stem: '-domide', meaning: { zh: '甲', en: 'alpha' } };

  it('says that a naming pattern is not a WHO stem, with a space before the bracket in English', () => {
    expect(formatMessage(message('hover.unknownDrug', { ...params, basis }), 'en')).toBe(
      "**Not in the dictionary**: “卡洛度胺”. Stem -domide (度胺): alpha (a naming pattern, not a stem of WHO's stem book)",
    );
    expect(formatMessage(message('hover.unknownDrug', { ...params, basis }), 'zh-cn')).toBe(
      '**不在词典中**：“卡洛度胺”。词干“度胺”（-domide）：甲（命名规律，非 WHO 词干表所列）',
    );
  });

  it('ends with the meaning where the stem is a WHO stem', () => {
    const who = { ...params, basis: { zh: '', en: '' } };
    expect(formatMessage(message('hover.unknownDrug', who), 'en')).toBe(
      '**Not in the dictionary**: “卡洛度胺”. Stem -domide (度胺): alpha',
    );
    expect(formatMessage(message('hover.unknownDrug', who), 'zh-cn')).toBe(
      '**不在词典中**：“卡洛度胺”。词干“度胺”（-domide）：甲',
    );
  });
});

describe('one way to localise', () => {
  const SERVER = join(ROOT, 'server', 'src');
  const sources = readdirSync(SERVER, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ file: file.split(sep).join('/'), text: readFileSync(join(SERVER, file), 'utf8') }));

  it('no inline `zh ? … : …` in server/src, and no branch on the locale in the engine but pick()', () => {
    expect(sources.length).toBeGreaterThan(50);
    // `zh ?` as a condition (concept.zh ? … is data, zh?: a field, zh ?? a default: none of them localise).
    const inlineZh = sources.filter(({ text }) => /(?<![\w.$])zh\s*\?(?![?.:])/.test(text)).map(({ file }) => file);
    expect(inlineZh).toEqual([]);
    const engineBranches = sources
      .filter(({ file }) => file.startsWith('engine') && !file.endsWith('messageFormat.ts'))
      .filter(({ text }) => /locale\s*[!=]==?\s*'(en|zh-cn)'/.test(text))
      .map(({ file }) => file);
    expect(engineBranches).toEqual([]);
  });

  it('no inline `english ? … : …` or `locale === … ? … : …` anywhere in the server', () => {
    // `english ? 'en' : 'zh-cn'` picks a locale: allowed.
    const NOT_YET: string[] = [];
    const inline = sources
      .filter(({ file }) => !file.endsWith('messageFormat.ts'))
      .filter(({ text }) => /(?<![\w.$])english\s*\?(?![?.:]|\s*'en')|locale\s*[!=]==?\s*'(en|zh-cn)'\s*\?/.test(text))
      .map(({ file }) => file);
    expect(inline.sort()).toEqual(NOT_YET);
  });

  it('renders term-file problems in both languages', () => {
    expect(termFileProblemMessage('not-found', '/x/terms.yaml', false)).toBe('找不到术语文件：/x/terms.yaml');
    expect(termFileProblemMessage('not-found', '/x/terms.yaml', true)).toBe('term file not found: /x/terms.yaml');
    expect(termFileProblemMessage('not-a-folder', '/h/.medterm', false)).toBe(
      '/h/.medterm 不是文件夹：用户术语文件从文件夹 ~/.medterm（或 $MEDTERM_HOME）读取；已忽略',
    );
    expect(termFileProblemMessage('not-a-file', '/dev/zero', true)).toBe(
      '/dev/zero is not a regular file (a folder, a FIFO or a device); it is not read as a term file',
    );
  });

  it('renders a Word-document error in both languages from its message id', () => {
    const error = new DocxError('docx.error.tooLarge', { size: 80, limit: 64 });
    expect(formatMessage(error.userMessage, 'zh-cn')).toBe('Word 文档过大（80 MB，上限 64 MB），未检查');
    expect(formatMessage(error.userMessage, 'en')).toBe(
      'the Word document is too large (80 MB, limit 64 MB) and was not checked',
    );
  });

  it('has typed ids and parameters: a misspelt id or a missing parameter does not compile (tsc, npm run typecheck)', () => {
    // @ts-expect-error 'near-miss-name.mesage' is no message id
    const misspelt: Message = { id: 'near-miss-name.mesage' };
    // @ts-expect-error 'near-miss' is no rule id
    const rule: RuleId = 'near-miss';
    // @ts-expect-error a Word-document error takes a docx message id only
    const wrongTable = new DocxError('nonstandard-name.message');
    // message() checks a message's parameters against its templates (both languages).
    expect(message('nonstandard-name.fix', { replacement: '来那度胺' })).toEqual({
      id: 'nonstandard-name.fix',
      params: { replacement: '来那度胺' },
    });
    // @ts-expect-error nonstandard-name.fix needs {replacement}
    message('nonstandard-name.fix', { text: '利那度胺' });
    // @ts-expect-error undefined-abbreviation.message needs {expansion} too
    message('undefined-abbreviation.message', { abbreviation: 'PFS' });
    expect(message('undefined-abbreviation.related')).toEqual({ id: 'undefined-abbreviation.related' });
    // At run time an unknown id renders as itself.
    expect(formatMessage(misspelt, 'en')).toBe('near-miss-name.mesage');
    expect(RULES.map((known) => known.id)).not.toContain(rule);
    expect(wrongTable.userMessage.id).toBe('nonstandard-name.message');
  });
});

describe('the cross-file inconsistent-term is the rule (design review §2.1): severity, fixes and messages', () => {
  const rule = RULES.find((candidate) => candidate.id === 'inconsistent-term')!;
  const here = analyze('用乙替尼素。', dictionary, { languageId: 'plaintext' });
  const other = { uri: 'file:///other.md', forms: fileForms(analyze('用乙替尼，乙替尼。', dictionary).matches) };
  const across = (rules?: Parameters<typeof crossFileFindings>[3]['rules']) =>
    crossFileFindings('file:///here.md', here.matches, [other], { rules, conceptName: (id) => id });

  it("takes the rule's default severity, the setting when there is one, and reports nothing when it is off", () => {
    expect(across().map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['inconsistent-term', rule.defaultSeverity],
    ]);
    expect(across({ 'inconsistent-term': 'error' })[0]!.severity).toBe('error');
    expect(across({ 'inconsistent-term': 'off' })).toEqual([]);
  });

  it('offers the fixes the rule offers in one document (same tiers, scope and titles)', () => {
    const inDocument = analyze('用乙替尼，乙替尼，乙替尼素。', dictionary, { languageId: 'plaintext' }).findings.filter(
      (finding) => finding.ruleId === 'inconsistent-term',
    );
    expect(inDocument).toHaveLength(1);
    const shape = (finding: (typeof inDocument)[number]) =>
      finding.fixes.map((fix) => ({
        tier: fix.tier,
        scope: fix.scope,
        title: fix.title,
        newText: fix.edits[0]!.newText,
      }));
    expect(shape(across()[0]!)).toEqual(shape(inDocument[0]!));
    expect(formatMessage(across()[0]!.message, 'en')).toBe(
      'One concept (test-drug-b) is written “乙替尼” in other files of the workspace (2× in 1 files) but “乙替尼素” here; unify them',
    );
  });
});
