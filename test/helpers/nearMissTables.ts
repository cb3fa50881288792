import { describe, expect, it } from 'vitest';
import { analyze, type Dictionary, type Finding } from '../../server/src/engine';
import { ranges } from './dictionary';

/** The two near-miss rules' ids. */
export const RULES = new Set(['near-miss-name', 'unknown-drug-name']);

/**
 * The near-miss tables (each kind of slip, word boundaries, the silent texts, the paragraph), one copy run
 * over an inline dictionary in test/engine and over the shipped one in test/data. `more` adds a file's own tests
 * to the same describe block.
 */
export function describeNearMissTables(
  dictionary: Dictionary,
  title: string,
  more: (nearMisses: (text: string) => Finding[]) => void,
): void {
  function nearMisses(text: string): Finding[] {
    return analyze(text, dictionary).findings.filter((finding) => RULES.has(finding.ruleId));
  }

  /** [[…]] marks each expected finding; `fixes` lists the first fix of each, in order ('' for none). */
  const TABLE: { name: string; marked: string; rules: string[]; fixes: string[] }[] = [
    // Each kind of slip.
    {
      name: 'homophone (莎/沙 shā)',
      marked: '患者接受[[伊莎佐米]]治疗',
      rules: ['near-miss-name'],
      fixes: ['伊沙佐米'],
    },
    { name: 'homophone (安/胺 àn)', marked: '改用[[来那度安]]维持', rules: ['near-miss-name'], fixes: ['来那度胺'] },
    {
      name: 'near homophone, zh/z (卓 zhuó for 佐 zuǒ)',
      marked: '使用[[卡非卓米]]。',
      rules: ['near-miss-name'],
      fixes: ['卡非佐米'],
    },
    {
      name: 'near homophone, l/n (拉 lā for 那 nà)',
      marked: '使用[[来拉度胺]]。',
      rules: ['near-miss-name'],
      fixes: ['来那度胺'],
    },
    {
      name: "similar glyph (拍 for 泊, pycorrector's set)",
      marked: '使用[[拍马度胺]]。',
      rules: ['near-miss-name'],
      fixes: ['泊马度胺'],
    },
    {
      name: 'one character dropped inside the name',
      marked: '使用[[泊度胺]]。',
      rules: ['near-miss-name'],
      fixes: ['泊马度胺'],
    },
    {
      name: 'one character added inside the name',
      marked: '使用[[伊沙佐佐米]]。',
      rules: ['near-miss-name'],
      fixes: ['伊沙佐米'],
    },
    {
      name: 'one character of a long name different (through a known variant)',
      marked: '[[达妥木单抗]]是抗CD38单抗',
      rules: ['near-miss-name'],
      fixes: ['达雷妥尤单抗'],
    },
    {
      name: 'traditional script: found, and the fix is written in traditional script',
      marked: '改用[[來那度安]]維持',
      rules: ['near-miss-name'],
      fixes: ['來那度胺'],
    },
    // Where the word starts in unsegmented text.
    {
      name: 'word boundary: 接受卡菲佐米 is 接受 + 卡菲佐米',
      marked: '接受[[卡菲佐米]]',
      rules: ['near-miss-name'],
      fixes: ['卡非佐米'],
    },
    {
      name: 'word boundary: a name right after another word and before a connector',
      marked: '随后[[伊莎佐米]]联合地塞米松',
      rules: ['near-miss-name'],
      fixes: ['伊沙佐米'],
    },
    // Unknown drug-like words.
    {
      name: 'unknown drug-like word (stem 比星, close to no name)',
      marked: '使用[[泛柔比星]]化疗',
      rules: ['unknown-drug-name'],
      fixes: [''],
    },
    {
      name: 'unknown drug-like word with the stem 佐米 (made-up name)',
      marked: '新药[[达沙佐米]]上市',
      rules: ['unknown-drug-name'],
      fixes: [''],
    },
    // English.
    {
      name: 'English INN typo (transposition)',
      marked: 'treated with [[botrezomib]] weekly',
      rules: ['near-miss-name'],
      fixes: ['bortezomib'],
    },
    {
      name: 'English INN typo (letter added)',
      marked: '[[carfillzomib]] 56 mg/m2',
      rules: ['near-miss-name'],
      fixes: ['carfilzomib'],
    },
    {
      name: 'English INN typo (letter dropped), capital kept',
      marked: '[[Thalidomid]] was given',
      rules: ['near-miss-name'],
      fixes: ['Thalidomide'],
    },
    {
      name: 'English brand typo',
      marked: 'on [[revlimide]] maintenance',
      rules: ['near-miss-name'],
      fixes: ['Revlimid'],
    },
    {
      name: 'English INN with a run of letters dropped from inside (first six and the last kept)',
      marked: 'then [[doxorubin]] and [[lenalidide]]',
      rules: ['near-miss-name', 'near-miss-name'],
      fixes: ['doxorubicin', 'lenalidomide'],
    },
    {
      name: 'the last character of a Chinese name of six or more, any other (达雷妥尤单抗)',
      marked: '使用[[达雷妥尤单杭]]治疗',
      rules: ['near-miss-name'],
      fixes: ['达雷妥尤单抗'],
    },
    {
      name: 'English class name typo, plural',
      marked: 'The [[proteasome inhibrtors]] changed care',
      rules: ['near-miss-name'],
      fixes: ['proteasome inhibitors'],
    },
  ];

  /** Texts that must stay silent: ordinary words that end like a stem or look like a name, real English words. */
  const SILENT: { name: string; text: string }[] = [
    { name: '厘米 (ends in 米 like 佐米)', text: '肿块直径约 5 厘米，较前缩小。' },
    { name: '放松 (ends in 松 like 米松)', text: '嘱患者放松心情，适当活动。' },
    { name: '比星期 (比 + 星期, not the stem 比星)', text: '疗效比星期一评估时更好。' },
    { name: '单抗原 (单 + 抗原)', text: '针对单抗原的检测方法。' },
    {
      name: "known names and variants are the other rules' business",
      text: '伊沙佐米联合来那度胺和地塞米松，达雷木单抗。',
    },
    { name: 'a stem rendering after a function word (抗CD38单抗)', text: '均为抗CD38单抗。' },
    {
      name: 'English words near names',
      text: 'The steroid-refractory patients received protease inhibitors; inhibitors, agents and antibodies.',
    },
    { name: 'English names in code spans are skipped (Markdown)', text: 'Run `botrezomib --help` first.' },
    {
      name: 'a clipped name needs six first letters, the last ones, and two letters dropped',
      text: 'doxoru doxorubic lenalid lenalin doxorin.',
    },
  ];

  describe(title, () => {
    it.each(TABLE)('$name', ({ marked, rules, fixes }) => {
      const { text, ranges: expected } = ranges(marked);
      const found = analyze(text, dictionary, { languageId: 'markdown' }).findings.filter((finding) =>
        RULES.has(finding.ruleId),
      );
      expect(found.map((finding) => finding.span)).toEqual(expected.map(({ start, end }) => ({ start, end })));
      expect(found.map((finding) => finding.ruleId)).toEqual(rules);
      expect(found.map((finding) => finding.fixes[0]?.edits[0]?.newText ?? '')).toEqual(fixes);
      // Never a safe fix: fix-all leaves near misses alone.
      expect(found.flatMap((finding) => finding.fixes).every((fix) => fix.tier === 'suggestion')).toBe(true);
    });

    it.each(SILENT)('stays silent: $name', ({ text }) => {
      expect(
        analyze(text, dictionary, { languageId: 'markdown' })
          .findings.filter((finding) => RULES.has(finding.ruleId))
          .map((finding) => text.slice(finding.span.start, finding.span.end)),
      ).toEqual([]);
    });

    it("finds every slip of the issue's paragraph, with ranges", () => {
      const marked = [
        '患者接受[[伊莎佐米]]联合[[来那度安]]和地塞米松治疗，后改用[[卡菲佐米]]。既往使用阿霉素、强的松和马法兰。',
        '[[达妥木单抗]]和伊沙妥昔单抗均为抗CD38单抗。',
        'The [[proteasome inhibrtors]] and [[immunnomodulatory drugs]] changed care; [[daratumamab]] too.',
      ].join('\n');
      const { text, ranges: expected } = ranges(marked);
      const found = nearMisses(text);
      expect(found.map((finding) => finding.span)).toEqual(expected.map(({ start, end }) => ({ start, end })));
      expect(found.map((finding) => finding.conceptId)).toEqual([
        'ixazomib',
        'lenalidomide',
        'carfilzomib',
        'daratumumab',
        'proteasome-inhibitor',
        'immunomodulatory-drug',
        'daratumumab',
      ]);
    });
    more(nearMisses);
  });
}
