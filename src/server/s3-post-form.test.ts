// The streaming multipart/form-data reader of browser uploads, fed the bytes node's FormData writes, cut
// into chunks at every offset (a boundary split across chunks must still be found).
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formBoundary, MAX_POST_PRE_DATA, MalformedPostForm, readPostForm } from './s3-post-form.js';

async function encoded(parts: Array<[string, string] | [string, Uint8Array, string]>) {
  const form = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([value]), filename);
  }
  const response = new Response(form);
  const boundary = formBoundary(response.headers.get('content-type') ?? '');
  if (!boundary) throw new Error('no boundary');
  return { body: Buffer.from(await response.arrayBuffer()), boundary };
}

function chunked(body: Buffer, size: number): AsyncIterator<Buffer> {
  const chunks: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) chunks.push(body.subarray(at, at + size));
  return (async function* () {
    yield* chunks;
  })();
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('formBoundary', () => {
  it('reads the boundary of multipart/form-data only', () => {
    expect(formBoundary('multipart/form-data; boundary=abc')).toBe('abc');
    expect(formBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(formBoundary('multipart/mixed; boundary=abc')).toBeUndefined();
    expect(formBoundary('multipart/form-data')).toBeUndefined();
    expect(formBoundary(undefined)).toBeUndefined();
  });
});

describe('readPostForm', () => {
  it('reads the fields before the file and streams the file, however the body is cut', async () => {
    const file = '--\r\n--not the boundary\r\nline two';
    const { body, boundary } = await encoded([
      ['key', 'user/alice/'],
      ['X-Amz-Meta-Colour', 'réd'],
      ['key', 'a repeated name keeps the first'],
      ['file', Buffer.from(file), 'photo "1".png'],
      ['ignored', 'fields after the file are not read'],
    ]);
    for (let size = 1; size <= body.length; size += size < 80 ? 1 : 97) {
      const read = await readPostForm(chunked(body, size), boundary);
      if (!read.ok) throw new Error(`${size}: ${read.problem}`);
      const { fields, names, file: part } = read.form;
      expect(Object.fromEntries(fields), `chunks of ${size}`).toEqual({
        key: 'user/alice/',
        'x-amz-meta-colour': 'réd',
      });
      expect(names).toEqual(['key', 'X-Amz-Meta-Colour']);
      // As browsers write a quote in a file name (HTML's form encoding); S3 does not decode it.
      expect(part?.filename).toBe('photo %221%22.png');
      expect(await text(part?.body as Readable), `chunks of ${size}`).toBe(file);
    }
  });

  it('ends without a file when the form closes before one', async () => {
    const { body, boundary } = await encoded([['key', 'a']]);
    const read = await readPostForm(chunked(body, 7), boundary);
    expect(read).toMatchObject({ ok: true, form: { names: ['key'] } });
    expect(read.ok && read.form.file).toBeUndefined();
  });

  it('refuses more than 20 KB before the file, and a body that is not the form it claims', async () => {
    const big = await encoded([['x-ignore-padding', 'p'.repeat(MAX_POST_PRE_DATA)]]);
    expect(await readPostForm(chunked(big.body, 1024), big.boundary)).toEqual({
      ok: false,
      problem: 'too-large',
    });
    const { body } = await encoded([['key', 'a']]);
    expect(await readPostForm(chunked(body, 64), 'another-boundary')).toEqual({
      ok: false,
      problem: 'malformed',
    });
    const noDisposition = Buffer.from('--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n');
    expect(await readPostForm(chunked(noDisposition, 8), 'b')).toEqual({ ok: false, problem: 'malformed' });
  });

  it('fails the file stream when the form ends inside the file', async () => {
    const { body, boundary } = await encoded([
      ['key', 'a'],
      ['file', Buffer.from('x'.repeat(1000)), 'a.txt'],
    ]);
    const read = await readPostForm(chunked(body.subarray(0, body.length - 200), 100), boundary);
    if (!read.ok || !read.form.file) throw new Error('no file');
    await expect(text(read.form.file.body)).rejects.toBeInstanceOf(MalformedPostForm);
  });
});
