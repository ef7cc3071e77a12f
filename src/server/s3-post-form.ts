// A browser upload's multipart/form-data body, read as S3 reads it: the fields before the `file` field
// (at most 20 KB with their boundaries), then the file's content as a stream that is never held whole.
// Fields after the file are ignored. https://www.rfc-editor.org/rfc/rfc7578
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
import { Readable } from 'node:stream';

export interface PostForm {
  /** By lower-case name (S3's form field names are case-insensitive); the first of repeated names. */
  fields: ReadonlyMap<string, string>;
  /** Names as sent, in order, each once. */
  names: readonly string[];
  /** Absent when the form ended without a `file` field. */
  file?: PostFile;
}

export interface PostFile {
  /** The part's filename (what `${filename}` in the key stands for); '' when none was sent. */
  filename: string;
  /** Fails with MalformedPostForm when the form ends before the file's closing boundary. */
  body: Readable;
}

export type PostFormResult = { ok: true; form: PostForm } | { ok: false; problem: 'malformed' | 'too-large' };

export class MalformedPostForm extends Error {
  constructor() {
    super('the form ended inside the file field');
    this.name = 'MalformedPostForm';
  }
}

/** "The form data and boundaries (excluding the contents of the file) cannot exceed 20KB." */
export const MAX_POST_PRE_DATA = 20 * 1024;
// What may follow the file (its closing boundary, ignored fields) is read and dropped up to this much;
// beyond it the connection is closed after the answer.
const MAX_EPILOGUE = 64 * 1024;

/**
 * Reads and drops what is left of a refused form, up to `limit` bytes, so that the client, still
 * sending, reads the answer rather than a reset connection; a longer rest is left for the server to cut.
 */
export async function discardRest(source: AsyncIterator<Buffer>, limit: number): Promise<void> {
  let dropped = 0;
  while (dropped <= limit) {
    const next = await source.next();
    if (next.done) return;
    dropped += next.value.length;
  }
}

/** The boundary parameter of a `multipart/form-data` Content-Type, when it is one. */
export function formBoundary(contentType: string | undefined): string | undefined {
  const [type = '', ...params] = (contentType ?? '').split(';');
  if (type.trim().toLowerCase() !== 'multipart/form-data') return undefined;
  for (const param of params) {
    const at = param.indexOf('=');
    if (param.slice(0, at).trim().toLowerCase() !== 'boundary') continue;
    const value = param
      .slice(at + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    // RFC 2046: 1 to 70 characters.
    return value.length > 0 && value.length <= 70 ? value : undefined;
  }
  return undefined;
}

/** Reads the fields up to the file; the file's body must then be consumed (or the request dropped). */
export async function readPostForm(source: AsyncIterator<Buffer>, boundary: string): Promise<PostFormResult> {
  const reader = new ChunkReader(source);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields = new Map<string, string>();
  const names: string[] = [];
  let budget = MAX_POST_PRE_DATA;
  // The first boundary may open the body, without the CRLF that precedes the others.
  const preamble = await reader.readUntil(delimiter.subarray(2), budget);
  if (typeof preamble === 'string') return { ok: false, problem: preamble };
  budget -= preamble.length + delimiter.length;
  for (;;) {
    const after = await reader.readLine(budget);
    if (typeof after === 'string') return { ok: false, problem: after };
    budget -= after.length + 2;
    // `--` closes the form; anything else on the boundary line is transport padding.
    if (after.toString('latin1').startsWith('--')) return { ok: true, form: { fields, names } };
    const head = await reader.readUntil(Buffer.from('\r\n\r\n'), budget);
    if (typeof head === 'string') return { ok: false, problem: head };
    budget -= head.length + 4;
    const disposition = partDisposition(head.toString('utf8'));
    if (!disposition) return { ok: false, problem: 'malformed' };
    const lower = disposition.name.toLowerCase();
    if (lower === 'file') {
      const body = Readable.from(reader.streamUntil(delimiter, MAX_EPILOGUE), { objectMode: false });
      return { ok: true, form: { fields, names, file: { filename: disposition.filename ?? '', body } } };
    }
    const value = await reader.readUntil(delimiter, budget);
    if (typeof value === 'string') return { ok: false, problem: value };
    budget -= value.length + delimiter.length;
    if (!fields.has(lower)) {
      fields.set(lower, value.toString('utf8'));
      names.push(disposition.name);
    }
  }
}

/** `form-data; name="key"; filename="a.txt"` from a part's headers. */
function partDisposition(head: string): { name: string; filename?: string } | undefined {
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const value = line.slice(colon + 1);
    if (!/^\s*form-data\s*(;|$)/i.test(value)) return undefined;
    const params = new Map<string, string>();
    for (const m of value.matchAll(/;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
      params.set(
        (m[1] ?? '').toLowerCase(),
        m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim(),
      );
    }
    const name = params.get('name');
    if (name === undefined) return undefined;
    const filename = params.get('filename');
    return filename === undefined ? { name } : { name, filename };
  }
  return undefined;
}

/** Pulls chunks from the request only as far as it needs. */
class ChunkReader {
  private buffered: Buffer = Buffer.alloc(0);
  private ended = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** The bytes before `marker`, which is consumed; a problem when over `limit` or the body ends first. */
  async readUntil(marker: Buffer, limit: number): Promise<Buffer | 'malformed' | 'too-large'> {
    for (;;) {
      const at = this.buffered.indexOf(marker);
      if (at >= 0) {
        if (at > limit) return 'too-large';
        const before = this.buffered.subarray(0, at);
        this.buffered = this.buffered.subarray(at + marker.length);
        return before;
      }
      if (this.buffered.length > limit + marker.length) return 'too-large';
      if (!(await this.fill())) return 'malformed';
    }
  }

  /** The rest of the boundary line, up to its CRLF (or what is left of a closing `--`). */
  async readLine(limit: number): Promise<Buffer | 'malformed' | 'too-large'> {
    while (this.buffered.length < 2 && (await this.fill()));
    // A closing boundary may end the body without its final CRLF.
    if (this.buffered.subarray(0, 2).toString('latin1') === '--') return this.buffered.subarray(0, 2);
    return this.readUntil(Buffer.from('\r\n'), limit);
  }

  /** The bytes before `marker`, as they arrive; then what follows is read and dropped (up to `drain`). */
  async *streamUntil(marker: Buffer, drain: number): AsyncGenerator<Buffer> {
    for (;;) {
      const at = this.buffered.indexOf(marker);
      if (at >= 0) {
        if (at > 0) yield this.buffered.subarray(0, at);
        this.buffered = Buffer.alloc(0);
        break;
      }
      // Keep what could be the start of the marker split across chunks.
      const keep = marker.length - 1;
      if (this.buffered.length > keep) {
        const out = this.buffered.subarray(0, this.buffered.length - keep);
        this.buffered = this.buffered.subarray(this.buffered.length - keep);
        yield out;
      }
      if (!(await this.fill())) throw new MalformedPostForm();
    }
    let dropped = 0;
    while (dropped <= drain && (await this.fill())) {
      dropped += this.buffered.length;
      this.buffered = Buffer.alloc(0);
    }
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buffered = this.buffered.length === 0 ? next.value : Buffer.concat([this.buffered, next.value]);
    return true;
  }
}
