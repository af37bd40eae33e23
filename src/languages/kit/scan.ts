/** Character scanning the hand-written lexers share: line ends, as the project counts them, and blanks. */

/** A line ends at `\n`, or at the `\r` of `\r\n`: a token cut at a line end never takes the `\r`. */
export function atLineEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10);
}

/** Offset of the end of the line holding `from` (see `atLineEnd`), or the text's length. */
export function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  if (nl === -1) return text.length;
  return nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}
