// How IAM keeps the AWS principals of a trust policy: it resolves them when it stores the policy, so
// an account id comes back as the account's root ARN, and a user or role that is deleted later shows
// as its unique id (AIDA…/AROA…), which a new entity of the same name does not match.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles
// Only the principal strings are replaced, in place: the rest of the document stays as it was written.
import { rootArn } from '../../arn/index.js';
import { allPages } from '../../authorize/gather-policies.js';
import { parsePolicy } from '../../policy/parse/parse-policy.js';
import type { StoreTx } from '../../store/store.js';

/**
 * The document with every `AWS` value of a Principal or NotPrincipal that `replace` maps to a new
 * value rewritten; undefined when nothing changes (or the text is not a policy).
 */
export function rewriteAwsPrincipals(
  text: string,
  replace: (value: string) => string | undefined,
): string | undefined {
  const { doc } = parsePolicy(text);
  const edits: { start: number; end: number; value: string }[] = [];
  for (const statement of doc?.statements ?? []) {
    for (const entry of statement.principal?.entries ?? []) {
      if (entry.type !== 'AWS') continue;
      const value = replace(entry.value.value);
      if (value === undefined || value === entry.value.value) continue;
      edits.push({ start: entry.value.at.start.offset, end: entry.value.at.end.offset, value });
    }
  }
  if (edits.length === 0) return undefined;
  let out = text;
  // From the end, so earlier offsets stay valid.
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + JSON.stringify(edit.value) + out.slice(edit.end);
  }
  return out;
}

/** A trust policy as IAM stores it: `"AWS": "123456789012"` becomes `arn:aws:iam::123456789012:root`. */
export function storedTrustPolicy(text: string): string {
  return rewriteAwsPrincipals(text, (value) => (/^\d{12}$/.test(value) ? rootArn(value) : undefined)) ?? text;
}

/**
 * In the transaction that deletes a user or role: every role trust policy and every S3 bucket policy, in
 * every account, that names its ARN names its unique id instead.
 */
export async function retirePrincipal(tx: StoreTx, arn: string, uniqueId: string): Promise<void> {
  // Most policies do not mention the principal: skip them without parsing.
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const retire = (text: string) =>
    text.includes(name)
      ? rewriteAwsPrincipals(text, (value) => (value === arn ? uniqueId : undefined))
      : undefined;
  for (const account of await tx.listAccounts()) {
    for (const role of await allPages((page) => tx.listRoles(account.id, {}, page))) {
      const rewritten = retire(role.assumeRolePolicyDocument);
      if (rewritten !== undefined) {
        await tx.updateRole(account.id, role.name, { assumeRolePolicyDocument: rewritten });
      }
    }
    for (const bucket of await tx.listBuckets(account.id)) {
      const rewritten = bucket.policy === undefined ? undefined : retire(bucket.policy);
      if (rewritten !== undefined) await tx.updateBucket(bucket.name, { policy: rewritten });
    }
  }
}
