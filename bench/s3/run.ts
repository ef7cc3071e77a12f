// S3 benchmark: `npx tsx bench/s3/run.ts` (or `npm run bench:s3`).
// 1. 1 KiB PUT and GET requests/s, trustlab against moto's server: the same Node client (SigV4-signed,
//    keep-alive, fixed concurrency), one after the other in one run.
// 2. 1 GiB PUT and GET throughput against a raw Node stream to and from the same disk.
// 3. trustlab's peak RSS (VmHWM) while a 5 GiB object is uploaded in one PUT.
// BENCH_SECONDS (default 5) sets each load's length; BENCH_BIG_GIB (default 5) the last upload's size.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { smithySigner } from '../../src/auth/test-fixture.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const BIG_GIB = Number(process.env.BENCH_BIG_GIB ?? 5);
const CONCURRENCY = 16;
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const root = new URL('../..', import.meta.url).pathname;
const PROD = {
  accessKeyId: 'AKIAPRODUCTIONROOT01',
  secretAccessKey: 'production-root-secret-key-for-the-lab-0001',
};
const signer = smithySigner('s3', 'us-east-1', PROD);
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

interface Answer {
  status: number;
  bytes: number;
}

/** One signed S3 request; `body` is a small buffer (signed payload) or a stream (UNSIGNED-PAYLOAD). */
async function s3(
  port: number,
  method: string,
  path: string,
  body?: Buffer | { stream: Readable; length: number },
): Promise<Answer> {
  const streaming = body !== undefined && !Buffer.isBuffer(body);
  const headers: Record<string, string> = { host: `127.0.0.1:${port}` };
  if (streaming) {
    headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    headers['content-length'] = String(body.length);
  } else if (body) headers['content-length'] = String(body.length);
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path,
    headers,
    ...(Buffer.isBuffer(body) ? { body } : {}),
  });
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: signed.headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    if (streaming) body.stream.pipe(req);
    else req.end(body);
  });
}

/** `length` bytes made of one random MiB repeated: cheap to produce, not compressible by accident. */
function pattern(length: number): Readable {
  const block = randomBytes(MiB);
  let left = length;
  return new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

async function load(run: (i: number) => Promise<Answer>): Promise<{ perSecond: number; errors: number }> {
  let done = 0;
  let errors = 0;
  let i = 0;
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const { status } = await run(i++);
        if (status === 200) done++;
        else errors++;
      }
    }),
  );
  return { perSecond: done / ((performance.now() - started) / 1000), errors };
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
  return Number(line?.[1] ?? 0) / 1024;
}

async function ready(port: number): Promise<void> {
  for (;;) {
    try {
      if ((await s3(port, 'GET', '/')).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

function startTrustlab(port: number, data: string): ChildProcess {
  return spawn(
    process.execPath,
    [join(root, 'bin/trustlab.js'), 'serve', '--port', String(port), '--data', data],
    {
      stdio: 'ignore',
    },
  );
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function smallObjects(name: string, child: ChildProcess, port: number) {
  await ready(port);
  const created = await s3(port, 'PUT', '/bench');
  if (created.status !== 200) throw new Error(`${name}: CreateBucket answered ${created.status}`);
  const kib = randomBytes(1024);
  const put = await load((i) => s3(port, 'PUT', `/bench/k${i % 1000}`, kib));
  const get = await load((i) => s3(port, 'GET', `/bench/k${i % 1000}`));
  await stop(child);
  return {
    putPerSecond: Math.round(put.perSecond),
    getPerSecond: Math.round(get.perSecond),
    errors: put.errors + get.errors,
  };
}

/** Seconds to write `length` bytes to a file and fsync it, and to read it back. */
async function rawDisk(dir: string, length: number): Promise<{ write: number; read: number }> {
  const file = join(dir, 'raw.bin');
  let started = performance.now();
  await pipeline(pattern(length), createWriteStream(file));
  const handle = await open(file, 'r+');
  await handle.sync();
  await handle.close();
  const write = (performance.now() - started) / 1000;
  started = performance.now();
  await pipeline(createReadStream(file), new Writable({ write: (_c, _e, done) => done() }));
  const read = (performance.now() - started) / 1000;
  rmSync(file);
  return { write, read };
}

const results: Record<string, Record<string, number>> = {};
let port = 47_000;

// 1. Small objects, trustlab then moto.
const dataDir = mkdtempSync(join(tmpdir(), 'bench-s3-'));
port++;
results.trustlab = await smallObjects('trustlab', startTrustlab(port, join(dataDir, 'small')), port);
port++;
results.moto = await smallObjects(
  'moto',
  spawn('moto_server', ['-p', String(port)], { stdio: 'ignore' }),
  port,
);

// 2. 1 GiB through trustlab against the raw disk, then 3. peak RSS during a BIG_GIB upload.
port++;
const big = startTrustlab(port, join(dataDir, 'big'));
await ready(port);
await s3(port, 'PUT', '/bench');
const raw = await rawDisk(dataDir, GiB);
let started = performance.now();
const put = await s3(port, 'PUT', '/bench/one-gib', { stream: pattern(GiB), length: GiB });
const putSeconds = (performance.now() - started) / 1000;
started = performance.now();
const got = await s3(port, 'GET', '/bench/one-gib');
const getSeconds = (performance.now() - started) / 1000;
if (put.status !== 200 || got.bytes !== GiB)
  throw new Error(`1 GiB round trip failed: PUT ${put.status}, GET ${got.bytes} bytes`);
const bigPut = await s3(port, 'PUT', '/bench/big', { stream: pattern(BIG_GIB * GiB), length: BIG_GIB * GiB });
if (bigPut.status !== 200) throw new Error(`${BIG_GIB} GiB PUT answered ${bigPut.status}`);
const peakRss = procStatus(big.pid as number, 'VmHWM');
await stop(big);
agent.destroy();
rmSync(dataDir, { recursive: true, force: true });

const mbps = (seconds: number) => Math.round(GiB / MiB / seconds);
results.throughput = {
  rawWriteMiBps: mbps(raw.write),
  putMiBps: mbps(putSeconds),
  rawReadMiBps: mbps(raw.read),
  getMiBps: mbps(getSeconds),
  peakRssMbDuringBigPut: Math.round(peakRss),
};
const t = results.trustlab as Record<string, number>;
const m = results.moto as Record<string, number>;
const x = results.throughput;
console.log(
  `S3 benchmark: ${SECONDS}s per load, concurrency ${CONCURRENCY}, one Node client signing every request`,
);
console.table(results);
console.log(
  `ratio trustlab / moto: 1 KiB PUT ${((t.putPerSecond ?? 0) / (m.putPerSecond ?? 1)).toFixed(1)}x, GET ${((t.getPerSecond ?? 0) / (m.getPerSecond ?? 1)).toFixed(1)}x`,
);
console.log(
  `1 GiB against the raw disk: PUT ${Math.round((100 * (x.putMiBps ?? 0)) / (x.rawWriteMiBps ?? 1))} %, GET ${Math.round((100 * (x.getMiBps ?? 0)) / (x.rawReadMiBps ?? 1))} %; peak RSS during a ${BIG_GIB} GiB PUT: ${x.peakRssMbDuringBigPut} MB`,
);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/s3.json'), `${JSON.stringify(results, null, 2)}\n`);
