import { describe, expect, it } from 'vitest';
import { pinyinKeys } from '../../server/src/engine/pinyin';

/** Keys of names for matching by ear: toneless full pinyin and initials, Latin kept whole and lower-cased. */
describe('pinyinKeys', () => {
  it.each([
    ['卡非佐米', 'kafeizuomi', 'kfzm'],
    ['BTK抑制剂', 'btkyizhiji', 'btkyzj'],
    ['抑制剂BTK', 'yizhijibtk', 'yzjbtk'],
    ['CD20单抗', 'cd20dankang', 'cd20dk'],
    // ü as v: 绿 is lv, not l (ü dropped as a non-letter)
    ['绿', 'lv', 'l'],
    // Latin punctuation, spaces and case dropped: only a-z and digits stay, each Latin run whole in the initials
    ['Anti-PD 1', 'antipd1', 'antipd1'],
    ['BTK-抑制剂', 'btkyizhiji', 'btkyzj'],
    ['α-干扰素', 'ganraosu', 'grs'],
    // a Han character pinyin-pro has no reading for adds nothing
    ['𠀀米', 'mi', 'm'],
    ['', '', ''],
  ])('%s → %s / %s', (text, full, initials) => {
    expect(pinyinKeys(text)).toEqual({ full, initials });
  });

  it('reads a Han run as a word, so polyphonic characters take the reading of the word', () => {
    // 重 alone is zhong, 行 alone is xing: in 重庆 and 银行 they are chong and hang.
    expect(pinyinKeys('重庆')).toEqual({ full: 'chongqing', initials: 'cq' });
    expect(pinyinKeys('银行')).toEqual({ full: 'yinhang', initials: 'yh' });
    expect(pinyinKeys('X重庆Y')).toEqual({ full: 'xchongqingy', initials: 'xcqy' });
  });
});
