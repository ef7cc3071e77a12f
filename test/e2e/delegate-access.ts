// The IAM and STS part of AWS's tutorial "Delegate access across AWS accounts using IAM roles" as data,
// shared by the runs that play it with the aws CLI v1 and v2, boto3 and the AWS SDK v3, with what AWS answers:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html
import { join } from 'node:path';
import { DEVELOPMENT, PRODUCTION } from './start-trustlab.js';

const policies = new URL('../../labs/delegate-access/policies/', import.meta.url).pathname;

/** A policy document kept in a file: the CLIs read it as `file://…`, boto3 and the SDK read the file. */
export interface PolicyFile {
  file: string;
}

/** One API call of the tutorial, named as in the service model, made by the root user of an account. */
export interface TutorialCall {
  account: 'production' | 'development';
  action: string;
  params: Record<string, string | PolicyFile>;
}

export const ACCOUNTS = { production: PRODUCTION, development: DEVELOPMENT };
export const ROLE_ARN = `arn:aws:iam::${PRODUCTION.id}:role/UpdateApp`;
export const DAVID_SESSION = 'David-ProdUpdate';
export const DAVID_SESSION_ARN = `arn:aws:sts::${PRODUCTION.id}:assumed-role/UpdateApp/${DAVID_SESSION}`;
/** A session of UpdateApp whose name the client chose (a role_arn profile names its own). */
export const SOME_SESSION_ARN = new RegExp(`^arn:aws:sts::${PRODUCTION.id}:assumed-role/UpdateApp/.+$`);

const policy = (path: string): PolicyFile => ({ file: join(policies, path) });

// Step 1, in Production: the policy for the productionapp bucket and the UpdateApp role trusting Development.
// Step 2, in Development: Developers may assume the role, Testers are denied; both are power users.
export const SETUP: TutorialCall[] = [
  {
    account: 'production',
    action: 'CreatePolicy',
    params: {
      PolicyName: 'read-write-app-bucket',
      PolicyDocument: policy('production/read-write-app-bucket.json'),
    },
  },
  {
    account: 'production',
    action: 'CreateRole',
    params: { RoleName: 'UpdateApp', AssumeRolePolicyDocument: policy('production/UpdateApp-trust.json') },
  },
  {
    account: 'production',
    action: 'AttachRolePolicy',
    params: {
      RoleName: 'UpdateApp',
      PolicyArn: `arn:aws:iam::${PRODUCTION.id}:policy/read-write-app-bucket`,
    },
  },
  ...(
    [
      ['Developers', 'David', 'allow-assume-S3-role-in-production'],
      ['Testers', 'Theresa', 'deny-assume-S3-role-in-production'],
    ] as const
  ).flatMap(([group, user, name]): TutorialCall[] => [
    { account: 'development', action: 'CreateGroup', params: { GroupName: group } },
    {
      account: 'development',
      action: 'AttachGroupPolicy',
      params: { GroupName: group, PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
    },
    {
      account: 'development',
      action: 'PutGroupPolicy',
      params: { GroupName: group, PolicyName: name, PolicyDocument: policy(`development/${name}.json`) },
    },
    { account: 'development', action: 'CreateUser', params: { UserName: user } },
    { account: 'development', action: 'AddUserToGroup', params: { GroupName: group, UserName: user } },
    { account: 'development', action: 'CreateAccessKey', params: { UserName: user } },
  ]),
];

/** An error as every client reports it: the operation, AWS's code and AWS's exact message. */
export interface ExpectedError {
  operation: string;
  code: string;
  message: string;
}

/** Step 3: the calls David and Theresa make, and what AWS refuses. */
export const STEP3 = {
  davidAssumes: { RoleArn: ROLE_ARN, RoleSessionName: DAVID_SESSION },
  theresaAssumes: { RoleArn: ROLE_ARN, RoleSessionName: 'Theresa-ProdUpdate' },
  // "While David is using the role, he cannot use his power-user privileges in the Development account."
  sessionCreatesUser: { UserName: 'Mallory' },
  sessionCreateUserDenied: {
    operation: 'CreateUser',
    code: 'AccessDenied',
    message: `User: ${DAVID_SESSION_ARN} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${PRODUCTION.id}:user/Mallory because no identity-based policy allows the iam:CreateUser action`,
  },
  theresaDenied: {
    operation: 'AssumeRole',
    code: 'AccessDenied',
    message: `User: arn:aws:iam::${DEVELOPMENT.id}:user/Theresa is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN} with an explicit deny in an identity-based policy`,
  },
} satisfies Record<string, Record<string, string> | ExpectedError>;

/** The session's identity as GetCallerIdentity returns it (the UserId is the role's id and the session name). */
export const DAVID_IDENTITY = {
  Account: PRODUCTION.id,
  Arn: DAVID_SESSION_ARN,
  UserId: new RegExp(`^AROA[A-Z2-7]{17}:${DAVID_SESSION}$`),
};

/** The line the aws CLI (v1 and v2) prints on stderr for an AWS error. */
export function cliErrorLine(error: ExpectedError): string {
  return `An error occurred (${error.code}) when calling the ${error.operation} operation: ${error.message}`;
}

/**
 * Seed 003's profiles, in the config file: [accounta] holds a user's keys, [roleb] assumes the role with them.
 * `extra` lines go into [roleb] (aws CLI v1 and boto3 send its AssumeRole to its endpoint_url).
 */
export function roleProfileConfig(user: { key: string; secret: string }, extra = ''): string {
  return `[profile accounta]\naws_access_key_id = ${user.key}\naws_secret_access_key = ${user.secret}\n\n[profile roleb]\nrole_arn = ${ROLE_ARN}\nsource_profile = accounta\n${extra}`;
}
