/**
 * The same string, stored flat. An edited document's text is a rope (the editor library joins the parts
 * around an edit with `+`), and every `charCodeAt` on a rope walks it: the analysis of a 1 MB document
 * read it at about half the speed of a flat string. Using the text as a property key makes V8 store one
 * flat (internalised) copy — O(n) copy, no hashing of long strings — and hands that copy back. Purely a
 * speed matter: the value is the same string.
 */
export function flatString(text: string): string {
  if (text.length < 4096) return text;
  const holder: Record<string, true> = {};
  holder[text] = true;
  for (const key in holder) return key;
  return text;
}
