export {
  type AccessKeyKind,
  accountFromAccessKeyId,
  BASE32_ALPHABET,
  canonicalUserId,
  encodeBase32,
  isAccessKeyId,
  newAccessKeyId,
  newMfaSeed,
  newSecretAccessKey,
  newSessionToken,
  newUniqueId,
  UNIQUE_ID_PREFIXES,
  type UniqueIdKind,
  uniqueIdKind,
} from './aws-ids.js';
export {
  assumedRoleArn,
  federatedUserArn,
  formatIamArn,
  type IamArn,
  type IamEntityArn,
  type IamEntityArnInput,
  type IamEntityType,
  parseIamArn,
  rootArn,
} from './iam-arn.js';
export { type Arn, formatArn, parseArn } from './parse-arn.js';
