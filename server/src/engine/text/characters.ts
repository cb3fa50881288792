/** Character classes used by matching. Kept tiny and table-free so that the engine stays pure. */

/** Han ideographs (BMP blocks and the supplementary-plane extensions), CJK punctuation and full-width forms. */
export function isCjk(code: number): boolean {
  return (
    (code >= 0x3400 && code <= 0x9fff) || // CJK Ext A + Unified
    (code >= 0xf900 && code <= 0xfaff) || // compatibility ideographs
    (code >= 0x3000 && code <= 0x303f) || // CJK symbols and punctuation
    (code >= 0xff00 && code <= 0xffef) || // full-width forms
    (code >= 0x20000 && code <= 0x3134f) // Ext B–G (astral)
  );
}

/** ASCII letters and digits: the characters that must not touch a Latin match. */
export function isLatinWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

export function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x0b ||
    code === 0x0c ||
    code === 0xa0 ||
    code === 0x3000 ||
    code === 0xfeff ||
    (code >= 0x2000 && code <= 0x200b)
  );
}

export function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/**
 * Full-width ASCII (Ｋ, （, ＋) folds to ASCII, and the hyphens and dashes that word processors and input methods put
 * where a hyphen-minus was typed (‐ ‑ ‒ – − ﹣) fold to "-": PD‐1, R–CHOP and CC‑5013 are the names PD-1, R-CHOP and
 * CC-5013. The em dash (—, Chinese ——) is punctuation and stays. One UTF-16 unit in, one out, so offsets are kept.
 */
export function foldWidth(code: number): number {
  // ASCII, Latin and Greek letters (most of what reaches here: Han ideographs are folded before) take one test.
  if (code < 0x2010) return code;
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code <= 0x2013 || code === 0x2212 || code === 0xfe63) return 0x2d;
  return code;
}

export function lowerAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 32 : code;
}
