import { describe, expect, it } from 'vitest';
import {
  foldWidth,
  isCjk,
  isLatinWordChar,
  isLineBreak,
  isWhitespace,
  lowerAscii,
} from '../../../server/src/engine/text/characters';
import { looksBinary } from '../../../server/src/engine/text/binary';
import { flatString } from '../../../server/src/engine/text/flat';

/** [code point, expected] → [its U+ hex for the title, expected, code point]. */
const withHex = ([code, expected]: [number, boolean]): [string, boolean, number] => [
  code.toString(16).toUpperCase().padStart(4, '0'),
  expected,
  code,
];

/**
 * The character classes the matcher folds and splits by are ranges of code points: both ends of each range
 * belong to it, the code points just outside do not (an off-by-one here silently drops the first or last
 * character of a block from matching).
 */
describe('character classes: both ends of every range, and their neighbours', () => {
  it.each(
    (<[number, boolean][]>[
      [0x3400, true], // CJK Ext A, first
      [0x33ff, false],
      [0x9fff, true], // CJK Unified, last
      [0xa000, false],
      [0xf900, true], // compatibility ideographs
      [0xf8ff, false],
      [0xfaff, true],
      [0xfb00, false],
      [0x3000, true], // ideographic space, first of CJK symbols and punctuation
      [0x2fff, false],
      [0x303f, true],
      [0x3040, false],
      [0xff00, true], // full-width forms
      [0xfeff, false],
      [0xffef, true],
      [0xfff0, false],
      [0x20000, true], // Ext B
      [0x1ffff, false],
      [0x3134f, true], // Ext G, last
      [0x31350, false],
    ]).map(withHex),
  )('isCjk(U+%s) is %s', (_hex, expected, code) => {
    expect(isCjk(code)).toBe(expected);
  });

  it.each([
    ['0', true],
    ['9', true],
    ['A', true],
    ['Z', true],
    ['a', true],
    ['z', true],
    ['/', false], // 0x2f, before 0
    [':', false], // 0x3a, after 9
    ['@', false], // 0x40, before A
    ['[', false], // 0x5b, after Z
    ['`', false], // 0x60, before a
    ['{', false], // 0x7b, after z
    ['-', false],
    ['卡', false],
  ])('isLatinWordChar(%s) is %s', (char, expected) => {
    expect(isLatinWordChar(char.charCodeAt(0))).toBe(expected);
  });

  it.each(
    (<[number, boolean][]>[
      [0x20, true],
      [0x09, true],
      [0x0a, true],
      [0x0d, true],
      [0x0b, true],
      [0x0c, true],
      [0xa0, true], // no-break space
      [0x3000, true], // ideographic space
      [0xfeff, true], // BOM / zero-width no-break space
      [0x2000, true], // en quad, first of the general-punctuation spaces
      [0x200b, true], // zero-width space, last
      [0x1fff, false],
      [0x200c, false], // zero-width non-joiner is not a space
      [0x08, false],
      [0x0e, false],
      [0x41, false],
    ]).map(withHex),
  )('isWhitespace(U+%s) is %s', (_hex, expected, code) => {
    expect(isWhitespace(code)).toBe(expected);
  });

  it('a line break is LF or CR, nothing else', () => {
    expect([0x0a, 0x0d, 0x0b, 0x0c, 0x20, 0x2028].map(isLineBreak)).toEqual([true, true, false, false, false, false]);
  });

  it('folds full-width ASCII from ！ to ～ and leaves the code points around them alone', () => {
    const fold = (text: string): string =>
      String.fromCharCode(...Array.from(text, (char) => foldWidth(char.charCodeAt(0))));
    expect(fold('！ＫＲｄ（）＋～')).toBe('!KRd()+~');
    expect(foldWidth(0xff00)).toBe(0xff00);
    expect(foldWidth(0xff5f)).toBe(0xff5f);
  });

  it('folds the hyphens and dashes typed for a hyphen-minus to "-", and leaves the em dash and the code points around them', () => {
    const folded = [0x200f, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2211, 0x2212, 0x2213, 0xfe62, 0xfe63, 0xfe64].map(
      foldWidth,
    );
    expect(folded).toEqual([0x200f, 0x2d, 0x2d, 0x2d, 0x2d, 0x2014, 0x2211, 0x2d, 0x2213, 0xfe62, 0x2d, 0xfe64]);
  });

  it('lower-cases A to Z only', () => {
    const lower = (text: string): string =>
      String.fromCharCode(...Array.from(text, (char) => lowerAscii(char.charCodeAt(0))));
    expect(lower('@AZ[azÀ')).toBe('@az[azÀ');
  });
});

describe('binary text', () => {
  it('is text with more than 1% NUL or U+FFFD in its first 8 KiB', () => {
    expect(looksBinary('')).toBe(false);
    expect(looksBinary('a'.repeat(99) + '\u0000')).toBe(false); // exactly 1%
    expect(looksBinary('a'.repeat(98) + '\u0000\u0000')).toBe(true);
    expect(looksBinary('a'.repeat(98) + '\ufffd\ufffd')).toBe(true);
    // Only the head counts: NULs after 8 KiB of text do not make it binary.
    expect(looksBinary('a'.repeat(8192) + '\u0000'.repeat(1000))).toBe(false);
    expect(looksBinary('\u0000'.repeat(200) + 'a'.repeat(8192))).toBe(true);
  });
});

describe('flat strings', () => {
  it('returns the same string value, short or long', () => {
    const long = '来那度胺'.repeat(2000);
    expect(flatString('abc')).toBe('abc');
    expect(flatString(long)).toBe(long);
  });
});
