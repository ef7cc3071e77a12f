import type { CallerFacts } from '../types.js';

const USER = /^arn:([\w-]+):iam::(\d{12}):user\/(?:[^/]+\/)*[^/]+$/;
const ROOT = /^arn:([\w-]+):iam::(\d{12}):root$/;
const SESSION = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/([^/]+)$/;
const FEDERATED_USER = /^arn:([\w-]+):sts::(\d{12}):federated-user\/([^/]+)$/;
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?$/;

/**
 * The caller a principal ARN stands for: an IAM user (with path), an assumed-role session, a
 * GetFederationToken federated user, the root user, `*` (anonymous) or a service principal name.
 * Principal ARN forms: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
export function callerFromArn(arn: string): CallerFacts | undefined {
  if (arn === '*') return { type: 'Anonymous', arn };
  const user = USER.exec(arn);
  if (user) return { type: 'User', arn, account: user[2] as string };
  const root = ROOT.exec(arn);
  if (root) return { type: 'Account', arn, account: root[2] as string };
  const session = SESSION.exec(arn);
  if (session) {
    const [, partition, account, role] = session as unknown as [string, string, string, string];
    // The session ARN carries no role path; a caller that knows it can set roleArn itself.
    return { type: 'AssumedRole', arn, account, roleArn: `arn:${partition}:iam::${account}:role/${role}` };
  }
  const federated = FEDERATED_USER.exec(arn);
  if (federated) return { type: 'FederatedUser', arn, account: federated[2] as string };
  if (SERVICE.test(arn)) return { type: 'Service', arn, service: arn };
  return undefined;
}
