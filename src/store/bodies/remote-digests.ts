// Digests computed in the digest thread (digest-worker.ts): a write hands over each batch it writes and
// asks for the result once the body has ended. At most MAX_IN_FLIGHT batches of a body wait in the
// thread, so a slow hash holds its writer back instead of filling memory, and their buffers come back
// to be filled again: garbage the thread would collect only late is never made. The thread starts with the
// first large write and keeps the process alive only while it has work.
import { Worker } from 'node:worker_threads';
import type { DigestPlan, DigestResult } from './body-digests.js';

export type DigestRequest =
  | { id: number; kind: 'start'; plan: DigestPlan }
  | { id: number; kind: 'update'; bytes: Uint8Array<ArrayBuffer> }
  | { id: number; kind: 'end' }
  | { id: number; kind: 'abort' };

export type DigestResponse =
  | { id: number; kind: 'hashed'; spent: ArrayBuffer }
  | { id: number; kind: 'result'; result: DigestResult }
  | { id: number; kind: 'error'; message: string };

const MAX_IN_FLIGHT = 4;
/** Batches are a little over 1 MiB; their buffers go to the thread and come back to be used again. */
const BUFFER_SIZE = 2 * 1024 * 1024;
const MAX_SPARE_BUFFERS = 16;
const spare: ArrayBuffer[] = [];

let thread: Worker | undefined;
let lastId = 0;
/** The bodies being hashed, by id: each hears its own answers, and every one hears a thread's failure. */
const bodies = new Map<number, (answer: DigestResponse | Error) => void>();

export class RemoteDigests {
  readonly #id = ++lastId;
  #inFlight = 0;
  #room: (() => void) | undefined;
  #failure: Error | undefined;
  #result: { resolve: (result: DigestResult) => void; reject: (error: Error) => void } | undefined;

  constructor(plan: DigestPlan) {
    bodies.set(this.#id, (answer) => this.#hear(answer));
    const worker = digestThread();
    worker.ref();
    worker.postMessage({ id: this.#id, kind: 'start', plan } satisfies DigestRequest);
  }

  /** Hands over a copy of the batch; resolves once fewer than MAX_IN_FLIGHT batches wait. */
  async update(chunks: readonly Buffer[], size: number): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (size === 0) return;
    const bytes = new Uint8Array(
      (size <= BUFFER_SIZE && spare.pop()) || new ArrayBuffer(Math.max(size, BUFFER_SIZE)),
      0,
      size,
    );
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    this.#inFlight++;
    digestThread().postMessage({ id: this.#id, kind: 'update', bytes } satisfies DigestRequest, [
      bytes.buffer,
    ]);
    if (this.#inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (this.#room = resolve));
    if (this.#failure) throw this.#failure;
  }

  /** The digests of everything handed over. */
  result(): Promise<DigestResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#result = { resolve, reject };
      digestThread().postMessage({ id: this.#id, kind: 'end' } satisfies DigestRequest);
    });
  }

  /** Drops the body (a failed write); harmless once the result came. */
  abort(): void {
    if (!bodies.has(this.#id)) return;
    thread?.postMessage({ id: this.#id, kind: 'abort' } satisfies DigestRequest);
    this.#done();
  }

  #hear(answer: DigestResponse | Error): void {
    if (answer instanceof Error || answer.kind === 'error') {
      this.#failure = answer instanceof Error ? answer : new Error(answer.message);
      this.#result?.reject(this.#failure);
      this.#wake();
      this.#done();
    } else if (answer.kind === 'hashed') {
      if (spare.length < MAX_SPARE_BUFFERS && answer.spent.byteLength === BUFFER_SIZE)
        spare.push(answer.spent);
      this.#inFlight--;
      this.#wake();
    } else {
      this.#result?.resolve(answer.result);
      this.#done();
    }
  }

  #wake(): void {
    const room = this.#room;
    this.#room = undefined;
    room?.();
  }

  #done(): void {
    bodies.delete(this.#id);
    if (bodies.size === 0) thread?.unref();
  }
}

/** The thread, started on first use: the bundled script beside the bundle, or the source through tsx. */
function digestThread(): Worker {
  if (thread) return thread;
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(fromSource ? './digest-worker.ts' : './digest-worker.js', import.meta.url);
  // From source (tests, tsx), the thread registers tsx's loader before it imports the TypeScript.
  const worker = fromSource
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`,
        { eval: true },
      )
    : new Worker(script);
  worker.on('message', (answer: DigestResponse) => bodies.get(answer.id)?.(answer));
  const fail = (error: Error) => {
    thread = undefined;
    for (const hear of [...bodies.values()]) hear(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the digest thread stopped (exit code ${code})`)));
  worker.unref();
  thread = worker;
  return worker;
}
