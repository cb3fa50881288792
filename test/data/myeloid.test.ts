import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, hoverAt } from '../../server/src/engine';
import { builtinDictionary } from '../helpers/dictionary';

/** The myeloid and cytotoxic entries (data/terms/cytotoxic-drugs.yaml, myeloid-*.yaml) as a writer meets them. */
const dictionary = builtinDictionary();

function conceptsIn(text: string): string[] {
  return analyze(text, dictionary).matches.map((match) => match.conceptId);
}

function fixed(text: string): string {
  const findings = analyze(text, dictionary).findings.filter((finding) => finding.ruleId === 'nonstandard-name');
  return applyEdits(
    text,
    findings.map((finding) => finding.fixes[0]!.edits[0]!),
  );
}

describe('myeloid and cytotoxic dictionary', () => {
  it('fixes the older and structural names to the label names (伊达比星, 阿柔比星, 维A酸, 甲氨蝶呤, 卡莫司汀)', () => {
    expect(fixed('去甲氧柔红霉素联合阿糖胞苷')).toBe('伊达比星联合阿糖胞苷');
    expect(fixed('阿克拉霉素联合阿糖胞苷')).toBe('阿柔比星联合阿糖胞苷');
    expect(fixed('全反式维甲酸联合砷剂')).toBe('全反式维A酸联合砷剂');
    expect(fixed('口服维甲酸诱导分化')).toBe('口服维A酸诱导分化');
    expect(fixed('氨甲蝶呤鞘内注射')).toBe('甲氨蝶呤鞘内注射');
    expect(fixed('卡氮芥可透过血脑屏障')).toBe('卡莫司汀可透过血脑屏障');
  });

  it('accepts both label names of arsenic trioxide and the label names as written', () => {
    expect(fixed('三氧化二砷（亚砷酸）联合维A酸')).toBe('三氧化二砷（亚砷酸）联合维A酸');
    expect(conceptsIn('三氧化二砷与亚砷酸')).toEqual(['arsenic-trioxide', 'arsenic-trioxide']);
  });

  it('names the AML regimens only as “X方案”, so DA for dopamine is not taken for daunorubicin + cytarabine', () => {
    expect(conceptsIn('采用DA方案诱导')).toEqual(['da']);
    expect(conceptsIn('给予多巴胺(DA)维持血压')).not.toContain('da');
    expect(conceptsIn('采用IDA方案')).not.toContain('da');
  });

  it('leaves ordinary uses of colliding letters alone (pH, CAG for coronary angiography, a test kit, IPSS in urology)', () => {
    expect(conceptsIn('尿液pH值正常')).toEqual([]);
    expect(conceptsIn('冠状动脉造影(CAG)提示狭窄')).not.toContain('cag');
    expect(conceptsIn('a rapid test kit')).toEqual([]);
    expect(conceptsIn('前列腺症状评分(IPSS)为20分')).not.toContain('ipss');
    expect(conceptsIn('采用CAG方案')).toEqual(['cag']);
  });

  it('recognises a regimen written out in words (柔红霉素联合阿糖胞苷 = DA, 维奈克拉联合阿扎胞苷 = Ven+Aza)', () => {
    const mentions = (text: string) => analyze(text, dictionary).regimenMentions.map((mention) => mention.regimenId);
    expect(mentions('柔红霉素联合阿糖胞苷诱导')).toEqual(['da']);
    expect(mentions('伊达比星联合阿糖胞苷诱导')).toEqual(['ia']);
    expect(mentions('维奈克拉联合阿扎胞苷治疗')).toEqual(['ven-aza']);
  });

  it('hovers a CML TKI with its generation and its target', () => {
    const text = '氟马替尼用于慢性期患者';
    const result = hoverAt(analyze(text, dictionary), dictionary, 1, 'zh-cn')!;
    expect(result.conceptId).toBe('flumatinib');
    expect(result.markdown).toContain('第二代TKI');
    expect(result.markdown).toContain('BCR-ABL1');
  });

  it('keeps a drug without a verified Chinese name English-only instead of inventing one', () => {
    for (const id of ['midostaurin', 'enasidenib', 'olutasidenib', 'asciminib', 'fedratinib', 'revumenib']) {
      const concept = dictionary.concepts.get(id)!;
      expect(concept.zh, id).toBeUndefined();
      expect(concept.zhNote, id).toBeDefined();
    }
  });
});
