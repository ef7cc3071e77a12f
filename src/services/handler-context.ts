import type { CallerFacts } from '../policy/types.js';
import type { SessionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { AuthorizationMessages } from './sts/authorization-message.js';

/** Who signed the request, as the server resolved it from the access key. */
export interface Caller {
  /** What policies see: type, ARN, account, the role of a session. */
  facts: CallerFacts;
  /** '' for an anonymous (unsigned) S3 request, as is accessKeyId. */
  account: string;
  accessKeyId: string;
  /** The IAM user signing with a long-term key; absent for the root user and for sessions. */
  userName?: string;
  /** `aws:userid`: the user's id (AIDA…), the account id for root, `AROA…:session` for a role session. */
  principalId: string;
  /** The STS session behind a temporary key (ASIA…). */
  session?: SessionRecord;
}

/** What a handler gets beside its input. It never sees headers, XML or status codes. */
export interface HandlerContext {
  caller: Caller;
  store: Store;
  now: Date;
  requestId: string;
  /** The region the request was signed for ('' when the client sent an empty one). */
  region: string;
  /** Seals and opens encoded authorization messages (DecodeAuthorizationMessage); the server sets it. */
  authorizationMessages?: AuthorizationMessages;
}

/** One operation: typed input in, typed output out; failures are thrown as `AwsError`. */
export type OperationHandler<I, O, C extends HandlerContext = HandlerContext> = (
  input: I,
  ctx: C,
) => Promise<O>;
