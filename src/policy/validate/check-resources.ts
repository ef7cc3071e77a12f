import type { Located } from '../types.js';
import { type ArnParts, arnCanMatchTemplate, hasWildcard, splitArn } from './arn-pattern.js';
import { type CheckContext, code, report, resourceElement, valuePath } from './check-context.js';
import { ACCOUNT_ID, PARTITIONS } from './partitions.js';

// Resource values are `*` or ARNs: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
// Error names follow Access Analyzer's ARN checks.
export function checkResources(ctx: CheckContext): void {
  for (const statement of ctx.doc.statements) {
    const element = resourceElement(statement);
    statement.resource?.values.forEach((resource, index) => {
      checkResource(ctx, resource, valuePath(statement, element, index));
    });
  }
}

function checkResource(ctx: CheckContext, resource: Located, path: string): void {
  const value = resource.value;
  if (value === '*') return;
  const add = (code: string, severity: 'ERROR' | 'WARNING', message: string, fix: string) =>
    report(ctx, code, severity, path, resource.at, message, fix, value);
  if (!value.startsWith('arn:')) {
    add(
      'invalid-arn-prefix',
      'ERROR',
      `resource ${code(resource)} is neither an arn nor \`*\``,
      'write a full arn such as `arn:aws:s3:::bucket/*`, or `*`',
    );
    return;
  }
  const arn = splitArn(value);
  if (!arn) {
    if (!value.slice(4).includes('*')) {
      add(
        'missing-arn-field',
        'ERROR',
        `resource ${code(resource)} has fewer than the six fields of an arn`,
        'use the form `arn:partition:service:region:account:resource`',
      );
    }
    return;
  }
  if (!hasWildcard(arn.partition) && !PARTITIONS.includes(arn.partition)) {
    add(
      'invalid-partition',
      'ERROR',
      `partition \`${arn.partition}\` in ${code(resource)} does not exist`,
      'use `aws` (or `aws-cn`, `aws-us-gov`, …)',
    );
  }
  if (arn.service !== arn.service.toLowerCase()) {
    add(
      'invalid-arn-service-case',
      'ERROR',
      `service \`${arn.service}\` in ${code(resource)} must be lower-case`,
      `write \`${arn.service.toLowerCase()}\``,
    );
  }
  if (
    arn.account !== '' &&
    !hasWildcard(arn.account) &&
    !ACCOUNT_ID.test(arn.account) &&
    arn.account !== 'aws'
  ) {
    add(
      'invalid-arn-account',
      'ERROR',
      `account \`${arn.account}\` in ${code(resource)} is not a 12-digit account id`,
      'put the 12-digit account id there (or `*`)',
    );
  }
  if (arn.service === 'iam' && arn.region !== '') {
    // IAM is global: "IAM resource … cannot contain region information."
    add(
      'arn-region-not-allowed',
      'ERROR',
      `iam arns have no region, but ${code(resource)} has \`${arn.region}\``,
      `write \`arn:${arn.partition}:iam::${arn.account}:${arn.resource}\``,
    );
  }
  if (arn.service === 's3') checkS3Arn(ctx, resource, arn, path);
  checkAgainstCatalogue(ctx, resource, arn, path);
}

const S3_OTHER_TYPES = /^(accesspoint|job|storage-lens|storage-lens-group|access-grants|async-request)\//;

// S3 bucket and object ARNs have no region and no account: bucket names are global.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html
function checkS3Arn(ctx: CheckContext, resource: Located, arn: ArnParts, path: string): void {
  const add = (code: string, severity: 'ERROR' | 'WARNING', message: string, fix: string) =>
    report(ctx, code, severity, path, resource.at, message, fix, resource.value);
  if (S3_OTHER_TYPES.test(arn.resource) || arn.region.includes('*') || arn.account.includes('*')) return;
  const plain = `arn:${arn.partition}:s3:::${arn.resource}`;
  if (arn.region !== '') {
    add(
      'arn-region-not-allowed',
      'ERROR',
      `s3 bucket and object arns have no region, but ${code(resource)} has \`${arn.region}\``,
      `write \`${plain}\``,
    );
  }
  if (arn.account !== '') {
    add(
      'arn-account-not-allowed',
      'ERROR',
      `s3 bucket and object arns have no account id, but ${code(resource)} has \`${arn.account}\``,
      `write \`${plain}\`: bucket names are global`,
    );
  }
  if (arn.resource === '') {
    add(
      'invalid-arn-resource',
      'ERROR',
      `${code(resource)} names no bucket`,
      'write `arn:aws:s3:::bucket` for a bucket, `arn:aws:s3:::bucket/*` for its objects, or `*`',
    );
    return;
  }
  const [bucket = '', ...rest] = arn.resource.split('/');
  if (ACCOUNT_ID.test(bucket) && rest.length > 0) {
    const key = rest.join('/');
    add(
      's3-bucket-looks-like-account-id',
      'WARNING',
      `bucket \`${bucket}\` in ${code(resource)} looks like an account id; s3 arns carry no account`,
      `if \`${rest[0]}\` is the bucket, write \`arn:${arn.partition}:s3:::${key.includes('/') ? key : `${key}/*`}\``,
    );
  }
}

/** With a catalogue: an ARN of a known service that fits none of its resource types names nothing. */
function checkAgainstCatalogue(ctx: CheckContext, resource: Located, arn: ArnParts, path: string): void {
  const catalogue = ctx.catalogue;
  if (!catalogue || hasWildcard(arn.service) || !catalogue.hasService(arn.service)) return;
  const types = catalogue.resourceTypes(arn.service).filter((t) => splitArn(t.arn)?.service === arn.service);
  if (types.length === 0) return;
  if (types.some((t) => arnCanMatchTemplate(arn, t.arn))) return;
  // Other checks already explain a bad region, account or empty bucket; do not pile on.
  if (ctx.findings.some((f) => f.path === path && f.severity === 'ERROR')) return;
  // Show first the types whose partition, region and account fields fit this ARN.
  const fitting = types.filter((t) => arnCanMatchTemplate({ ...arn, resource: '*' }, t.arn));
  const shown = fitting.length > 0 ? fitting : types;
  report(
    ctx,
    'invalid-arn-resource',
    arn.service === 's3' ? 'ERROR' : 'WARNING',
    path,
    resource.at,
    `${code(resource)} matches no ${arn.service} resource type`,
    `use one of the forms ${shown
      .slice(0, 3)
      .map((t) => `\`${t.arn}\``)
      .join(', ')}${shown.length > 3 ? ', …' : ''}`,
    resource.value,
  );
}
