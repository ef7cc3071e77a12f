import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from '../protocol/errors.js';
import { loadModel } from '../protocol/model/load-model.js';
import { serializeQueryError } from '../protocol/query/serialize.js';
import { handleQueryRequest, type IncomingRequest, type QueryService } from './query-pipeline.js';
import { routeRequest } from './route-request.js';
import { handleS3Request, type S3ServerContext } from './s3-pipeline.js';
import { isPostUpload, runPostUpload } from './s3-post-upload.js';
import { runS3Control } from './s3control-run.js';

// IAM and STS requests are small: a policy document is at most 131,072 characters, which percent-
// encoding can triple. A larger body is refused before it is read whole.
const MAX_QUERY_BODY = 1024 * 1024;

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface TrustlabContext extends S3ServerContext {
  /** Host names S3 is reached at; `bucket.<name>` is a virtual-hosted request (default: localhost). */
  s3BaseHosts: readonly string[];
}

export async function startServer(
  context: TrustlabContext,
  options: { host: string; port: number },
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    serve(req, res, context).catch((error: unknown) => {
      context.log(`unanswered request: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Clients keep connections open between calls; idle ones must not hold the process at shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, context: TrustlabContext): Promise<void> {
  const url = req.url ?? '/';
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const query = at < 0 ? '' : url.slice(at + 1);
  const route = routeRequest(
    {
      host: req.headers.host,
      authorization: req.headersDistinct.authorization?.[0],
      path,
      query,
      method: req.method ?? 'GET',
      contentType: req.headers['content-type'],
    },
    context.s3BaseHosts,
  );
  if (route.service === 's3') {
    const answer = isPostUpload(req, route.virtualBucket) ? runPostUpload : undefined;
    return handleS3Request(req, res, route.virtualBucket, context, answer);
  }
  if (route.service === 's3control') return handleS3Request(req, res, undefined, context, runS3Control);
  const service: QueryService = route.service;
  const body = await readBody(req, MAX_QUERY_BODY);
  if (body === undefined) {
    const error = new AwsError({
      code: 'RequestEntityTooLarge',
      status: 413,
      message: 'Request body too large.',
    });
    const answer = serializeQueryError(loadModel(service), error, randomUUID());
    // Answer first, then drop the connection with the rest of the body unread.
    res.once('finish', () => req.destroy());
    return send(res, { ...answer, headers: { ...answer.headers, connection: 'close' } });
  }
  const request: IncomingRequest = {
    method: req.method ?? 'GET',
    path,
    query,
    headers: req.headersDistinct,
    body,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    secure: false,
  };
  send(res, await handleQueryRequest(service, request, context));
}

/** The whole body, or undefined when it is over `limit` bytes (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  response: { status: number; headers: Record<string, string>; body: string },
): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}
