// The S3 part of the tutorials, set up once for every client's run: the delegate-access IAM setup,
// Production's buckets (productionapp for the UpdateApp role, otherbucket it must not reach, and seed
// 003's cross-account-bucket with its bucket policy), and David's UpdateApp session.
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { STEP3 } from './delegate-access.js';
import { type Credentials, rootCredentials, sdkConfig, setUpTutorial } from './sdk-setup.js';
import { DEVELOPMENT, PRODUCTION } from './start-trustlab.js';

/** Seed 003: account A's user may write into B's bucket when B ends up owning what it writes. */
export const CROSS_ACCOUNT_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${DEVELOPMENT.id}:user/David` },
      Action: ['s3:PutObject', 's3:PutObjectAcl'],
      Resource: 'arn:aws:s3:::cross-account-bucket/*',
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
  ],
});

export interface S3Tutorial {
  production: Credentials;
  /** Access keys the setup made, by user name. */
  users: Record<string, Credentials>;
  /** David's session of UpdateApp. */
  session: Credentials;
  user(name: string): Credentials;
}

export async function setUpS3Tutorial(url: string): Promise<S3Tutorial> {
  const users = await setUpTutorial(url);
  const user = (name: string): Credentials => {
    const found = users[name];
    if (!found) throw new Error(`the setup made no access key for ${name}`);
    return found;
  };
  const production = rootCredentials(PRODUCTION);
  const s3 = new S3Client({ ...sdkConfig(url, production), forcePathStyle: true });
  for (const Bucket of ['productionapp', 'otherbucket', 'cross-account-bucket']) {
    await s3.send(new CreateBucketCommand({ Bucket }));
  }
  await s3.send(new PutObjectCommand({ Bucket: 'otherbucket', Key: 'secret.txt', Body: 'not for David' }));
  await s3.send(new PutBucketPolicyCommand({ Bucket: 'cross-account-bucket', Policy: CROSS_ACCOUNT_POLICY }));
  const assumed = await new STSClient(sdkConfig(url, user('David'))).send(
    new AssumeRoleCommand(STEP3.davidAssumes),
  );
  const session = {
    accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
    secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
    sessionToken: assumed.Credentials?.SessionToken ?? '',
  };
  return { production, users, session, user };
}

/** The denial messages S3 gives the tutorial's principals, whatever the client. */
export const DENIED = {
  /** The UpdateApp session on a bucket its policy does not name (same account: the detailed form). */
  sessionOn: (sessionArn: string, action: string, resource: string) =>
    `User: ${sessionArn} is not authorized to perform: ${action} on resource: "${resource}" because no identity-based policy allows the ${action} action`,
  /** Another account's principal: S3 says no more than this. */
  crossAccount: 'Access Denied',
};
