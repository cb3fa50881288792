import type { AcceptedKind, Bilingual, Category, VariantKind } from './types';

/** Display labels for data enums, in both languages. */
export const CATEGORY: Record<Category, Bilingual> = {
  drug: { zh: '药物', en: 'drug' },
  'drug-class': { zh: '药物类别', en: 'drug class' },
  target: { zh: '靶点/分子', en: 'target / molecule' },
  therapy: { zh: '治疗方式', en: 'therapy' },
  product: { zh: '细胞产品/研究代号', en: 'cell product / code' },
  regimen: { zh: '治疗方案', en: 'regimen' },
  disease: { zh: '疾病/临床表现', en: 'disease / clinical feature' },
  outcome: { zh: '疗效/结局指标', en: 'outcome measure' },
  abbreviation: { zh: '缩写', en: 'abbreviation' },
  organisation: { zh: '机构', en: 'organisation' },
  term: { zh: '术语', en: 'term' },
};

export const ACCEPTED_KIND: Record<AcceptedKind, Bilingual> = {
  synonym: { zh: '同义名', en: 'synonym' },
  'short-form': { zh: '简称', en: 'short form' },
  'brand-cn': { zh: '中国商品名', en: 'brand (China)' },
  'brand-us': { zh: '美国商品名', en: 'brand (US)' },
  brand: { zh: '商品名', en: 'brand' },
  code: { zh: '研发代号', en: 'code' },
  salt: { zh: '盐/剂型', en: 'salt / form' },
  traditional: { zh: '繁体', en: 'traditional script' },
  english: { zh: '英文名', en: 'English name' },
  abbreviation: { zh: '缩写', en: 'abbreviation' },
  'informal-abbreviation': { zh: '非正式缩写', en: 'informal abbreviation' },
  related: { zh: '相关写法', en: 'related form' },
  regional: { zh: '港台用名', en: 'Taiwan/Hong Kong name' },
};

export const VARIANT_KIND: Record<VariantKind, Bilingual> = {
  'nonstandard-transliteration': { zh: '非标准音译', en: 'non-standard transliteration' },
  'nonstandard-term': { zh: '非规范术语', en: 'non-standard term' },
  'nonstandard-character': { zh: '非规范用字', en: 'non-standard character' },
  outdated: { zh: '旧称', en: 'outdated name' },
  typo: { zh: '笔误', en: 'typo' },
  misnomer: { zh: '误用', en: 'misnomer' },
  'letter-case': { zh: '大小写', en: 'letter case' },
};

export const REGION: Record<'zh-CN' | 'zh-TW' | 'zh-HK', Bilingual> = {
  'zh-CN': { zh: '中国大陆', en: 'mainland China' },
  'zh-TW': { zh: '台湾地区', en: 'Taiwan' },
  'zh-HK': { zh: '香港地区', en: 'Hong Kong' },
};

export const ROUTE: Record<string, Bilingual> = {
  oral: { zh: '口服', en: 'oral' },
  intravenous: { zh: '静脉', en: 'intravenous' },
  subcutaneous: { zh: '皮下', en: 'subcutaneous' },
  intramuscular: { zh: '肌内', en: 'intramuscular' },
  'cell-infusion': { zh: '细胞回输', en: 'cell infusion' },
};
