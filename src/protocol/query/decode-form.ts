// application/x-www-form-urlencoded decoding for AWS query requests, strict where browsers are lenient: a `%`
// not followed by two hex digits, or bytes that are not UTF-8 once decoded, make the request malformed.
// Never throws; linear in the input.
// https://url.spec.whatwg.org/#application/x-www-form-urlencoded

export type FormResult = { ok: true; pairs: [string, string][] } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeForm(input: string | Uint8Array): FormResult {
  const bytes = typeof input === 'string' ? stringBytes(input) : input;
  const pairs: [string, string][] = [];
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x26 /* & */, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      const eq = bytes.subarray(start, end).indexOf(0x3d /* = */);
      const keyEnd = eq < 0 ? end : start + eq;
      const key = decodeComponent(bytes, start, keyEnd);
      const value = eq < 0 ? '' : decodeComponent(bytes, keyEnd + 1, end);
      if (key === undefined || value === undefined) {
        return { ok: false, reason: `malformed parameter at byte ${start}` };
      }
      pairs.push([key, value]);
    }
    start = end + 1;
  }
  return { ok: true, pairs };
}

// A URL's query string arrives as text; Node gives bytes above 0x7F as Latin-1 code units.
function stringBytes(s: string): Uint8Array {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is for code units above Latin-1
  return /[^\u0000-\u00ff]/.test(s) ? Buffer.from(s, 'utf8') : Buffer.from(s, 'latin1');
}

function decodeComponent(bytes: Uint8Array, from: number, to: number): string | undefined {
  const out = new Uint8Array(to - from);
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i] as number;
    if (b === 0x2b /* + */) out[n++] = 0x20;
    else if (b === 0x25 /* % */) {
      const hi = hexValue(bytes[i + 1]);
      const lo = hexValue(bytes[i + 2]);
      if (i + 2 >= to || hi < 0 || lo < 0) return undefined;
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = b;
  }
  try {
    return utf8.decode(out.subarray(0, n));
  } catch {
    return undefined;
  }
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}
