import { pinyin } from 'pinyin-pro';

/**
 * Toneless full pinyin and initials of a name: 卡非佐米 → kafeizuomi, kfzm; BTK抑制剂 → btkyizhiji,
 * btkyzj. Latin parts are kept whole, lower-cased. pinyin-pro reads whole words, so polyphonic
 * characters get the reading of the word (地塞米松 → di sai mi song).
 */
export function pinyinKeys(text: string): { full: string; initials: string } {
  let full = '';
  let initials = '';
  for (const run of text.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
    if (/\p{Script=Han}/u.test(run)) {
      for (const syllable of pinyin(run, { toneType: 'none', type: 'array', v: true })) {
        const clean = syllable.toLowerCase().replace(/[^a-z]/g, '');
        full += clean;
        initials += clean.slice(0, 1);
      }
    } else {
      const clean = run.toLowerCase().replace(/[^a-z0-9]/g, '');
      full += clean;
      initials += clean;
    }
  }
  return { full, initials };
}
