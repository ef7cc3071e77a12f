// SigV4 timestamps: `YYYYMMDDTHHMMSSZ` (x-amz-date, X-Amz-Date) or an HTTP `Date` header.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html#date

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function parseAmzDate(text: string): Date | undefined {
  const m = AMZ_DATE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject rollovers such as month 13 or 25:00 that Date.UTC would silently accept.
  return formatAmzDate(date) === text ? date : undefined;
}

export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** An RFC 7231 HTTP date (`Tue, 24 May 2013 00:00:00 GMT`), as the `date` header carries. */
export function parseHttpDate(text: string): Date | undefined {
  if (!/GMT$|UTC$|[+-]\d{4}$/.test(text.trim())) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
