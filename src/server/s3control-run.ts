// S3 Control's account-level Block Public Access, answered beside S3: the same signature and error
// document, an IAM request of its own (s3:PutAccountPublicAccessBlock, s3:GetAccountPublicAccessBlock, on
// `*`) in the account the request names. Naming another account than the caller's is a cross-account
// request no resource policy allows: AccessDenied.
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
import type { IncomingMessage } from 'node:http';
import { authorize } from '../authorize/authorize.js';
import {
  matchS3Control,
  readPublicAccessBlock,
  type S3ControlOperation,
  writePublicAccessBlock,
} from '../protocol/rest-xml/s3control.js';
import { requestIdHeaders } from '../protocol/rest-xml/serialize-response.js';
import {
  deleteAccountPublicAccessBlock,
  getAccountPublicAccessBlock,
  putAccountPublicAccessBlock,
} from '../services/s3/public-access-block.js';
import type { RequestTrail } from './request-audit.js';
import { s3Payload } from './s3-payload.js';
import {
  authenticateS3,
  noteS3Use,
  readDocument,
  type S3Run,
  type S3ServerContext,
  s3AccessDenied,
  s3Connection,
} from './s3-pipeline.js';

const ACTIONS: Readonly<Record<S3ControlOperation, string>> = {
  PutPublicAccessBlock: 's3:PutAccountPublicAccessBlock',
  GetPublicAccessBlock: 's3:GetAccountPublicAccessBlock',
  DeletePublicAccessBlock: 's3:PutAccountPublicAccessBlock',
};

export const runS3Control: S3Run = async (
  req: IncomingMessage,
  _virtualBucket: string | undefined,
  server: S3ServerContext,
  trail: RequestTrail,
) => {
  const now = server.now();
  const url = req.url ?? '/';
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const { verified, caller } = await authenticateS3(req, server, path, at < 0 ? '' : url.slice(at + 1), now);
  trail.caller = caller;
  const request = matchS3Control(req.method ?? 'GET', path, req.headers);
  if (!request.ok) throw request.error;
  trail.operation = request.operation;

  const region = verified.outcome === 'verified' ? verified.region : '';
  const target = {
    action: ACTIONS[request.operation],
    resource: '*',
    resourceAccount: request.accountId,
    context: {},
  };
  const done = await authorize(server.store, server.cache, caller, [target], s3Connection(req, now, region));
  trail.authorizations.push(...done);
  const denied = done.find((a) => a.decision.verdict !== 'Allowed');
  if (denied) throw s3AccessDenied(denied, caller);
  noteS3Use(server, caller, now, region);

  const headers = requestIdHeaders({ requestId: trail.requestId });
  switch (request.operation) {
    case 'PutPublicAccessBlock': {
      const payload = s3Payload(req, verified.outcome === 'verified' ? verified.payload : undefined);
      const document = await readDocument(payload, req.headersDistinct['content-md5']?.[0]);
      const read = readPublicAccessBlock(server.s3Model, document.toString('utf8'));
      if (!read.ok) throw read.error;
      await putAccountPublicAccessBlock(server.store, request.accountId, read.value);
      return { status: 200, headers: { ...headers, 'content-length': '0' }, body: undefined };
    }
    case 'GetPublicAccessBlock': {
      const body = writePublicAccessBlock(await getAccountPublicAccessBlock(server.store, request.accountId));
      return { status: 200, headers: { ...headers, 'content-type': 'application/xml' }, body };
    }
    case 'DeletePublicAccessBlock':
      await deleteAccountPublicAccessBlock(server.store, request.accountId);
      return { status: 204, headers, body: undefined };
  }
};
