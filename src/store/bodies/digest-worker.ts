// The digest thread: hashes the bodies of large writes (MD5 for the ETag, the CRC64NVME S3 stores for
// every object, the checksums asked for) off the thread that reads sockets, which would otherwise spend
// about 2 s of each GiB on it. Messages come from remote-digests.ts; each body has its own id.
import { parentPort } from 'node:worker_threads';
import { BodyDigests } from './body-digests.js';
import type { DigestRequest, DigestResponse } from './remote-digests.js';

const port = parentPort;
if (!port) throw new Error('digest-worker.ts runs as a worker thread');
const running = new Map<number, BodyDigests>();

port.on('message', (request: DigestRequest) => {
  const answer = (response: DigestResponse) => port.postMessage(response);
  try {
    switch (request.kind) {
      case 'start':
        running.set(request.id, new BodyDigests(new Set(request.plan.algorithms), request.plan.sha256Hex));
        return;
      case 'update': {
        const { buffer, byteOffset, byteLength } = request.bytes;
        running.get(request.id)?.update(Buffer.from(buffer, byteOffset, byteLength));
        // The buffer goes back to be filled again.
        return port.postMessage({ id: request.id, kind: 'hashed', spent: buffer } satisfies DigestResponse, [
          buffer,
        ]);
      }
      case 'end': {
        const digests = running.get(request.id);
        running.delete(request.id);
        if (!digests) throw new Error(`no body ${request.id} is being hashed`);
        return answer({ id: request.id, kind: 'result', result: digests.result() });
      }
      case 'abort':
        running.delete(request.id);
        return;
    }
  } catch (error) {
    answer({
      id: request.id,
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
