// What SigV4 verification needs to know about an access key. The store implements the lookup;
// auth/ never reads the database itself.

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  status: AccessKeyStatus;
  /** The caller the key authenticates: a user, the account root, or an assumed-role session ARN. */
  principalArn: string;
  account: string;
  /** Only for temporary keys (ASIA…): the token the request must carry in X-Amz-Security-Token. */
  sessionToken?: string;
  /** Only for temporary keys: after this instant requests fail with ExpiredToken. */
  expiration?: Date;
}

export interface CredentialLookup {
  findAccessKey(accessKeyId: string): AccessKeyRecord | undefined;
}
