// GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy: the condition keys and policy
// variables a policy reads, which the simulator must be given values for.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetContextKeysForPrincipalPolicy.html
import type { PolicyDoc, Statement } from '../../policy/types.js';
import type { IamHandler } from './iam-handler.js';
import { inputPolicy, principalPolicies } from './simulation-policies.js';

export const getContextKeysForCustomPolicy: IamHandler<'GetContextKeysForCustomPolicy'> = async (input) => {
  const docs = input.PolicyInputList.map(
    (text, i) => inputPolicy(text, `PolicyInputList.${i + 1}`, 'identity').doc,
  );
  return { ContextKeyNames: contextKeysOf(docs) };
};

export const getContextKeysForPrincipalPolicy: IamHandler<'GetContextKeysForPrincipalPolicy'> = async (
  input,
  ctx,
) => {
  const principal = await principalPolicies(input.PolicySourceArn, ctx);
  const extra = (input.PolicyInputList ?? []).map(
    (text, i) => inputPolicy(text, `PolicyInputList.${i + 1}`, 'identity').doc,
  );
  return { ContextKeyNames: contextKeysOf([...principal.identity.map((p) => p.doc), ...extra]) };
};

/** Every key the documents read, once each (keys are case-insensitive; the first spelling is kept). */
export function contextKeysOf(docs: readonly PolicyDoc[]): string[] {
  const keys = new Map<string, string>();
  for (const doc of docs) {
    for (const statement of doc.statements) {
      for (const key of statementContextKeys(statement, doc.version === '2012-10-17')) {
        if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
      }
    }
  }
  return [...keys.values()];
}

/** The keys one statement reads, in document order: policy variables, then condition keys. */
export function statementContextKeys(statement: Statement, variables: boolean): string[] {
  const keys: string[] = [];
  if (variables) {
    for (const { value } of statement.resource?.values ?? []) keys.push(...variablesIn(value));
  }
  for (const condition of statement.conditions) {
    keys.push(condition.key.value);
    if (variables) for (const { value } of condition.values) keys.push(...variablesIn(value));
  }
  return keys;
}

/** `${aws:username}` and `${aws:username, 'default'}` read aws:username; `${*}`, `${?}` and `${$}` are escapes. */
function variablesIn(text: string): string[] {
  const keys: string[] = [];
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const key = (match[1] ?? '').split(',')[0]?.trim() ?? '';
    if (key.includes(':')) keys.push(key);
  }
  return keys;
}
