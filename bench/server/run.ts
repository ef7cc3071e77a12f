// Server benchmark: `npx tsx bench/server/run.ts` (or `npm run bench:server`).
// The same Node client (SigV4-signed query requests, keep-alive, fixed concurrency) against trustlab
// and moto's server, one after the other in one run: GetCallerIdentity and AssumeRole requests/s,
// time from start to the first answered request, and idle memory (RSS) after start-up.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smithySigner } from '../../src/auth/test-fixture.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 16;
const root = new URL('../..', import.meta.url).pathname;
const PROD = {
  accessKeyId: 'AKIAPRODUCTIONROOT01',
  secretAccessKey: 'production-root-secret-key-for-the-lab-0001',
};

interface Target {
  name: string;
  start(port: number): ChildProcess;
}

const targets: Target[] = [
  {
    name: 'trustlab',
    start: (port) =>
      spawn(
        process.execPath,
        [
          join(root, 'bin/trustlab.js'),
          'serve',
          '--port',
          String(port),
          '--data',
          mkdtempSync(join(tmpdir(), 'bench-')),
        ],
        {
          stdio: 'ignore',
        },
      ),
  },
  { name: 'moto', start: (port) => spawn('moto_server', ['-p', String(port)], { stdio: 'ignore' }) },
];

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

async function call(
  port: number,
  service: 'iam' | 'sts',
  params: Record<string, string>,
  credentials = PROD,
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({
    Version: service === 'iam' ? '2010-05-08' : '2011-06-15',
    ...params,
  }).toString();
  const signed = await smithySigner(service, 'us-east-1', credentials).sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: '/',
    headers: {
      host: `127.0.0.1:${port}`,
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    },
    body,
  });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', headers: signed.headers, agent },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function firstAnswer(port: number): Promise<void> {
  for (;;) {
    try {
      if ((await call(port, 'sts', { Action: 'GetCallerIdentity' })).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function load(run: () => Promise<{ status: number }>): Promise<{ perSecond: number; errors: number }> {
  let done = 0;
  let errors = 0;
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const { status } = await run();
        if (status === 200) done++;
        else errors++;
      }
    }),
  );
  return { perSecond: done / ((performance.now() - started) / 1000), errors };
}

/** A user allowed to assume a role that trusts its account, set up through the API itself. */
async function prepareAssumeRole(port: number): Promise<typeof PROD> {
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' },
    ],
  });
  const allow = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
  });
  await call(port, 'iam', { Action: 'CreateRole', RoleName: 'Bench', AssumeRolePolicyDocument: trust });
  await call(port, 'iam', { Action: 'CreateUser', UserName: 'bench' });
  await call(port, 'iam', {
    Action: 'PutUserPolicy',
    UserName: 'bench',
    PolicyName: 'assume',
    PolicyDocument: allow,
  });
  const key = await call(port, 'iam', { Action: 'CreateAccessKey', UserName: 'bench' });
  const id = /<AccessKeyId>([^<]+)</.exec(key.body)?.[1];
  const secret = /<SecretAccessKey>([^<]+)</.exec(key.body)?.[1];
  if (!id || !secret) throw new Error(`CreateAccessKey failed: ${key.body}`);
  return { accessKeyId: id, secretAccessKey: secret };
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) / 1024;
}

const results: Record<string, Record<string, number>> = {};
let port = 46_000;
// The client's first signature loads and compiles the signer (~20 ms): paid here, not by the first target's start.
await call(port, 'sts', { Action: 'GetCallerIdentity' }).catch(() => undefined);
for (const target of targets) {
  port++;
  const startedAt = performance.now();
  const child = target.start(port);
  await firstAnswer(port);
  const startMs = performance.now() - startedAt;
  await new Promise((r) => setTimeout(r, 1000));
  const idleRss = rssMb(child.pid as number);
  const user = await prepareAssumeRole(port);
  const identity = await load(() => call(port, 'sts', { Action: 'GetCallerIdentity' }));
  let session = 0;
  const assume = await load(() =>
    call(
      port,
      'sts',
      {
        Action: 'AssumeRole',
        RoleArn: 'arn:aws:iam::999999999999:role/Bench',
        RoleSessionName: `s${session++}`,
      },
      user,
    ),
  );
  results[target.name] = {
    startMs: Math.round(startMs),
    idleRssMb: Math.round(idleRss),
    getCallerIdentityPerSecond: Math.round(identity.perSecond),
    assumeRolePerSecond: Math.round(assume.perSecond),
    errors: identity.errors + assume.errors,
  };
  child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
}
agent.destroy();

const t = results.trustlab as Record<string, number>;
const m = results.moto as Record<string, number>;
console.log(
  `server benchmark: ${SECONDS}s per load, concurrency ${CONCURRENCY}, one Node client signing every request`,
);
console.table(results);
console.log(
  `ratio trustlab / moto: GetCallerIdentity ${((t.getCallerIdentityPerSecond ?? 0) / (m.getCallerIdentityPerSecond ?? 1)).toFixed(1)}x, AssumeRole ${((t.assumeRolePerSecond ?? 0) / (m.assumeRolePerSecond ?? 1)).toFixed(1)}x`,
);
console.log('moto does not verify signatures or authorize; trustlab does both on every request.');
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/server.json'), `${JSON.stringify(results, null, 2)}\n`);
