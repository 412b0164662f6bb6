/**
 * Amplitude truncates over-long string values rather than rejecting them
 * (https://amplitude.com/docs/faq/limits). Lengths count UTF-16 code units, like JavaScript's
 * `length`; a cut never splits a surrogate pair, so the result stays well-formed text.
 */
export function truncateString(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  let end = maxLength;
  if (end > 0 && isHighSurrogate(value.charCodeAt(end - 1))) end -= 1;
  return value.slice(0, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
