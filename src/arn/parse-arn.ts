// `arn:partition:service:region:account-id:resource`; the resource part keeps any further colons
// and slashes (`arn:aws:sts::A:assumed-role/R/S`, `arn:aws:s3:::bucket/a:b`).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html

export interface Arn {
  partition: string;
  service: string;
  /** Empty for global services (IAM, S3 buckets). */
  region: string;
  /** A 12-digit account, `aws` for AWS managed policies, or empty (S3 buckets). */
  account: string;
  resource: string;
}

const PARTITION = /^aws(?:-[a-z]+)*$/;
const SERVICE = /^[a-z0-9-]+$/;

/** The six parts of an ARN, or undefined when the text is not one. Values are kept as written. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts: string[] = [];
  let from = 4;
  for (let k = 0; k < 4; k++) {
    const colon = text.indexOf(':', from);
    if (colon < 0) return undefined;
    parts.push(text.slice(from, colon));
    from = colon + 1;
  }
  const [partition, service, region, account] = parts as [string, string, string, string];
  const resource = text.slice(from);
  if (!PARTITION.test(partition) || !SERVICE.test(service) || resource === '') return undefined;
  return { partition, service, region, account, resource };
}

export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}
