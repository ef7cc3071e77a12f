// A bucket policy is checked when it is written, as S3 checks it: the first fault found answers
// MalformedPolicy with S3's own one-line message (S3's words differ from IAM's). The document's form
// comes first, then each statement in order: Effect, Principal, Action, Resource, then Condition.
// S3 only accepts S3 actions and resources inside the bucket, and principals that exist.
// Messages as S3 answers them, quoted in public reports: "Policy has invalid resource"
// (github.com/hashicorp/terraform/issues/23570), "Invalid principal in policy"
// (github.com/cloud-custodian/cloud-custodian/issues/4948), "Action does not apply to any resource(s)
// in statement" (github.com/ministryofjustice/modernisation-platform/pull/10762), "This policy contains
// invalid Json", "Missing required field Principal" (github.com/humanmade/S3-Uploads/issues/191).
import { canonicalUserId } from '../../arn/index.js';
import { loadCatalogue } from '../../catalogue/load-catalogue.js';
import { compileWildcard } from '../../policy/match/wildcard.js';
import { parsePolicy } from '../../policy/parse/parse-policy.js';
import type { Finding, PolicyDoc, Statement } from '../../policy/types.js';
import { validatePolicy } from '../../policy/validate/validate-policy.js';
import type { StoreReads } from '../../store/store.js';
import { principalExists } from '../iam/check-policy-document.js';
import { s3Error } from './s3-errors.js';

const INVALID_JSON = 'This policy contains invalid Json';
const SYNTAX = 'Invalid policy syntax.';
const INVALID_PRINCIPAL = 'Invalid principal in policy';
const INVALID_ACTION = 'Policy has invalid action';
const INVALID_RESOURCE = 'Policy has invalid resource';
const INVALID_CONDITION_KEY = 'Policy has an invalid condition key';

// "Bucket policies are limited to 20 KB in size", measured on the policy written compactly.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/add-bucket-policy.html
const MAX_POLICY_BYTES = 20480;

/** Where a fault sits in the order S3 checks a statement. */
const Rank = {
  Document: 0,
  Effect: 1,
  Principal: 2,
  Action: 3,
  Resource: 4,
  Applicability: 5,
  Condition: 6,
} as const;
type Rank = (typeof Rank)[keyof typeof Rank];

type Rule = readonly [rank: Rank, message: (finding: Finding) => string | undefined];

// The engine's findings that S3 refuses a policy for, and with which words. Findings not listed
// (unknown global condition keys, redundancies, security warnings…) do not stop S3 storing it.
const RULES: Readonly<Record<string, Rule>> = {
  'json-syntax-error': [Rank.Document, () => INVALID_JSON],
  'data-type-mismatch': [Rank.Document, () => SYNTAX],
  'invalid-policy-element': [Rank.Document, () => SYNTAX],
  'unsupported-element-combination': [Rank.Document, () => SYNTAX],
  'invalid-version': [Rank.Document, () => 'The policy must contain a valid version string'],
  'missing-statement': [
    Rank.Document,
    (f) =>
      f.path === '' ? 'Missing required field Statement' : 'Could not parse the policy: Statement is empty!',
  ],
  'missing-effect': [Rank.Effect, () => 'Missing required field Effect'],
  'invalid-effect': [Rank.Effect, (f) => `Invalid effect: ${f.value ?? ''}`],
  'missing-principal': [Rank.Principal, () => 'Missing required field Principal'],
  'empty-object-principal': [Rank.Principal, () => INVALID_PRINCIPAL],
  'invalid-principal-format': [Rank.Principal, () => INVALID_PRINCIPAL],
  'invalid-principal-key': [Rank.Principal, () => INVALID_PRINCIPAL],
  'invalid-principal-arn': [Rank.Principal, () => INVALID_PRINCIPAL],
  'unsupported-wildcard-in-principal': [Rank.Principal, () => INVALID_PRINCIPAL],
  'invalid-service-principal-format': [Rank.Principal, () => INVALID_PRINCIPAL],
  'invalid-federated-principal': [Rank.Principal, () => INVALID_PRINCIPAL],
  'invalid-canonical-user': [Rank.Principal, () => INVALID_PRINCIPAL],
  // "NotPrincipal must be used with "Effect":"Deny"".
  'allow-with-not-principal': [Rank.Principal, () => INVALID_PRINCIPAL],
  'missing-action': [Rank.Action, () => 'Missing required field Action'],
  'empty-array-action': [Rank.Action, () => INVALID_ACTION],
  'invalid-action-format': [Rank.Action, () => INVALID_ACTION],
  'wildcard-in-service-name': [Rank.Action, () => INVALID_ACTION],
  'invalid-service-in-action': [Rank.Action, () => INVALID_ACTION],
  'invalid-action': [Rank.Action, () => INVALID_ACTION],
  'missing-resource': [Rank.Resource, () => 'Missing required field Resource'],
  'empty-array-resource': [Rank.Resource, () => INVALID_RESOURCE],
  'invalid-arn-prefix': [Rank.Resource, () => INVALID_RESOURCE],
  'missing-arn-field': [Rank.Resource, () => INVALID_RESOURCE],
  'invalid-partition': [Rank.Resource, () => INVALID_RESOURCE],
  'invalid-arn-service-case': [Rank.Resource, () => INVALID_RESOURCE],
  'invalid-arn-account': [Rank.Resource, () => INVALID_RESOURCE],
  'arn-region-not-allowed': [Rank.Resource, () => INVALID_RESOURCE],
  'arn-account-not-allowed': [Rank.Resource, () => INVALID_RESOURCE],
  'invalid-arn-resource': [Rank.Resource, () => INVALID_RESOURCE],
  'action-resource-mismatch': [
    Rank.Applicability,
    () => 'Action does not apply to any resource(s) in statement',
  ],
  'invalid-condition-operator': [Rank.Condition, (f) => `Invalid Condition type : ${f.value ?? ''}`],
  'null-with-if-exists': [Rank.Condition, (f) => `Invalid Condition type : ${f.value ?? ''}`],
  'invalid-condition-key-format': [Rank.Condition, () => INVALID_CONDITION_KEY],
  'invalid-service-condition-key': [Rank.Condition, () => INVALID_CONDITION_KEY],
  'not-an-ip': [Rank.Condition, () => 'Invalid IP address in Conditions'],
};

interface Fault {
  statement: number;
  rank: Rank;
  offset: number;
  message: string;
}

/** The parsed policy, or MalformedPolicy with the message S3 would send for the first fault. */
export async function checkBucketPolicy(text: string, bucket: string, reads: StoreReads): Promise<PolicyDoc> {
  if (!text.startsWith('{')) throw malformed("Policies must be valid JSON and the first byte must be '{'");
  let json: { Version?: unknown; Statement?: unknown };
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed(INVALID_JSON);
  }
  if (Buffer.byteLength(JSON.stringify(json)) > MAX_POLICY_BYTES) {
    throw malformed(
      `Normalized policy document exceeds the maximum allowed size of ${MAX_POLICY_BYTES} bytes`,
    );
  }
  const whole = await faultsOf(text, bucket, reads);
  if (whole.doc) {
    throwFirst(whole.faults);
    return whole.doc;
  }
  throwFirst(whole.faults.filter((f) => f.statement === -1));
  // The engine builds no document when a statement is broken (an unknown Effect…), yet S3 reports the
  // first fault in statement order: check the statements one by one to find it.
  const statements = Array.isArray(json.Statement) ? json.Statement : [json.Statement];
  for (const [index, statement] of statements.entries()) {
    const single = JSON.stringify({ Version: json.Version, Statement: [statement] });
    throwFirst((await faultsOf(single, bucket, reads)).faults.map((f) => ({ ...f, statement: index })));
  }
  throw malformed(SYNTAX);
}

async function faultsOf(
  text: string,
  bucket: string,
  reads: StoreReads,
): Promise<{ doc: PolicyDoc | undefined; faults: Fault[] }> {
  const parsed = parsePolicy(text);
  const doc = parsed.doc;
  const findings = doc
    ? [...parsed.findings, ...validatePolicy(doc, { kind: 'resource', catalogue: loadCatalogue() })]
    : parsed.findings;
  const faults = findings.flatMap((f) => fromFinding(f));
  for (const statement of doc?.statements ?? []) faults.push(...(await s3Faults(statement, bucket, reads)));
  return { doc, faults };
}

function throwFirst(faults: Fault[]): void {
  const first = faults.sort((a, b) => a.statement - b.statement || a.rank - b.rank || a.offset - b.offset)[0];
  if (first) throw malformed(first.message);
}

function fromFinding(finding: Finding): Fault[] {
  // Warnings only count where S3 refuses them (a NotPrincipal with Allow, an action on no resource).
  const rule = RULES[finding.code];
  if (!rule) return [];
  const message = rule[1](finding);
  if (message === undefined) return [];
  const statement = /^Statement\[(\d+)\]/.exec(finding.path)?.[1];
  return [
    {
      statement: statement === undefined ? -1 : Number(statement),
      rank: statement === undefined ? Rank.Document : rule[0],
      offset: finding.at.start.offset,
      message,
    },
  ];
}

/** What S3 refuses beyond IAM's grammar: other services' actions, other buckets, unknown principals. */
async function s3Faults(statement: Statement, bucket: string, reads: StoreReads): Promise<Fault[]> {
  const faults: Fault[] = [];
  const add = (rank: Rank, offset: number, message: string) =>
    faults.push({ statement: statement.index, rank, offset, message });
  for (const entry of statement.principal?.entries ?? []) {
    if (!(await principalKnown(entry.type, entry.value.value, reads))) {
      add(Rank.Principal, entry.value.at.start.offset, INVALID_PRINCIPAL);
    }
  }
  for (const action of statement.action.values) {
    if (action.value !== '*' && !action.value.toLowerCase().startsWith('s3:')) {
      add(Rank.Action, action.at.start.offset, INVALID_ACTION);
    }
  }
  for (const resource of statement.resource?.values ?? []) {
    if (!inBucket(resource.value, bucket)) add(Rank.Resource, resource.at.start.offset, INVALID_RESOURCE);
  }
  return faults;
}

async function principalKnown(type: string, value: string, reads: StoreReads): Promise<boolean> {
  if (type === 'AWS') return value === '*' || (await principalExists(value, reads));
  if (type === 'CanonicalUser')
    return (await reads.listAccounts()).some((a) => canonicalUserId(a.id) === value);
  // Service and federated principals are not trustlab entities; their form is checked by the engine.
  return true;
}

/**
 * An S3 ARN whose bucket part (before any `/`) can name this bucket. S3 refuses `*` and other
 * buckets; a bucket part with a policy variable is judged when the policy is applied.
 */
function inBucket(resource: string, bucket: string): boolean {
  const match = /^arn:aws:s3:::([^/]+)/.exec(resource);
  const named = match?.[1];
  if (named === undefined) return false;
  return named.includes('${') || compileWildcard(named, false)(bucket);
}

function malformed(message: string) {
  return s3Error('MalformedPolicy', message);
}
