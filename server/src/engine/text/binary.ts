/** Text that looks binary (NUL or many U+FFFD replacement characters early on) is skipped, not linted as garbage. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  let suspicious = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 0 || code === 0xfffd) suspicious++;
  }
  return head.length > 0 && suspicious / head.length > 0.01;
}
