// The canonical request of SigV4, rebuilt from the request exactly as it arrived.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#create-canonical-request
//
// Paths: every service but S3 signs the path as sent, normalised (no `.`, `..` or empty segments)
// and URI-encoded once more, so `%20` on the wire is `%2520` in the canonical request. S3 signs the
// path's segments decoded and encoded once, with no normalisation: `//a/../b` stays as it is.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html

/** `s3`: single encoding, no normalisation; `normalized`: every other service. */
export type PathRule = 's3' | 'normalized';

export type HeaderValues = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface CanonicalRequestParts {
  method: string;
  path: string;
  query: string;
  headers: HeaderValues;
  signedHeaders: readonly string[];
  payloadHash: string;
  pathRule: PathRule;
  /** Presigned URLs sign every query parameter except the signature itself. */
  omitQueryParam?: string;
}

export function buildCanonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method.toUpperCase(),
    canonicalUri(parts.path, parts.pathRule),
    canonicalQueryString(parts.query, parts.omitQueryParam),
    canonicalHeaders(parts.headers, parts.signedHeaders),
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

export function canonicalUri(rawPath: string, rule: PathRule): string {
  const path = rawPath === '' ? '/' : rawPath;
  if (rule === 's3') {
    // Decode and re-encode each segment so that clients that leave `!`, `*` or `'` raw agree
    // with those that escape them, while an encoded slash (%2F) stays part of its segment.
    return path
      .split('/')
      .map((segment) => encodeBytes(percentDecode(segment)))
      .join('/');
  }
  const kept: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(segment);
  }
  const leading = path.startsWith('/') ? '/' : '';
  const trailing = kept.length > 0 && path.endsWith('/') ? '/' : '';
  const normalized = `${leading}${kept.join('/')}${trailing}`;
  return normalized
    .split('/')
    .map((segment) => encodeBytes(Buffer.from(segment, 'utf8')))
    .join('/');
}

/** Name/value pairs of a raw query string, percent-decoded (as UTF-8 text). */
export function parseQuery(rawQuery: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = eq < 0 ? piece : piece.slice(0, eq);
    const value = eq < 0 ? '' : piece.slice(eq + 1);
    pairs.push([percentDecode(name).toString('utf8'), percentDecode(value).toString('utf8')]);
  }
  return pairs;
}

export function canonicalQueryString(rawQuery: string, omitParam?: string): string {
  const encoded: Array<[string, string]> = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const nameBytes = percentDecode(eq < 0 ? piece : piece.slice(0, eq));
    if (omitParam !== undefined && nameBytes.toString('utf8') === omitParam) continue;
    encoded.push([encodeBytes(nameBytes), encodeBytes(percentDecode(eq < 0 ? '' : piece.slice(eq + 1)))]);
  }
  // Sort by name then value, byte order (the encoded text is ASCII).
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

/** One `name:value\n` line per signed header; repeated headers are joined with commas. */
export function canonicalHeaders(headers: HeaderValues, signedHeaders: readonly string[]): string {
  let out = '';
  for (const name of signedHeaders) {
    const raw = headers[name];
    const values = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
    out += `${name}:${values.map(trimAll).join(',')}\n`;
  }
  return out;
}

/** Header values lose surrounding spaces; inner runs of spaces (and folded lines) become one space. */
function trimAll(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const HEX = '0123456789ABCDEF';

/** RFC 3986 encoding as SigV4 wants it: only A-Z a-z 0-9 - _ . ~ stay literal, hex in upper case. */
function encodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      (byte >= 0x30 && byte <= 0x39) ||
      byte === 0x2d ||
      byte === 0x2e ||
      byte === 0x5f ||
      byte === 0x7e
    ) {
      out += String.fromCharCode(byte);
    } else {
      out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
    }
  }
  return out;
}

/** Percent-decoding to bytes; a `%` not followed by two hex digits is kept as a literal `%`. */
function percentDecode(text: string): Buffer {
  if (!text.includes('%')) return Buffer.from(text, 'utf8');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (
      ch === 0x25 &&
      i + 2 < text.length &&
      isHex(text.charCodeAt(i + 1)) &&
      isHex(text.charCodeAt(i + 2))
    ) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const cp = text.codePointAt(i) ?? ch;
      const char = String.fromCodePoint(cp);
      for (const b of Buffer.from(char, 'utf8')) bytes.push(b);
      if (cp > 0xffff) i++;
    }
  }
  return Buffer.from(bytes);
}

function isHex(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}
