import type { CallerFacts, Effect, PrincipalBlock } from '../types.js';

/**
 * How a Principal element names the caller; the kind decides which implicit denies a resource-based
 * allow overrides within one account:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 * - `direct`: the caller itself (user ARN, session ARN, federated-user ARN, root ARN, a service,
 *   a federated provider) or everyone (`*`);
 * - `role`: the role ARN of the caller's session — boundary and session policies still limit;
 * - `account`: the caller's account (`123456789012`, `arn:aws:iam::123456789012:root`) — delegation
 *   to that account's identity-based policies.
 */
export type PrincipalMatch = 'direct' | 'role' | 'account' | 'none';

export interface CompiledPrincipal {
  not: boolean;
  /** `"*"` or `{"AWS": "*"}` in the list. */
  wildcard: boolean;
  accounts: ReadonlySet<string>;
  arns: ReadonlySet<string>;
  /** Lower-cased service principal names. */
  services: ReadonlySet<string>;
  federated: ReadonlySet<string>;
  canonicalUsers: ReadonlySet<string>;
}

export interface PrincipalTestOptions {
  /** The caller's user or role has a permissions boundary (changes NotPrincipal with Deny). */
  hasPermissionsBoundary: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:[\w-]+:iam::(\d{12}):root$/;

export function compilePrincipal(block: PrincipalBlock): CompiledPrincipal {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const services = new Set<string>();
  const federated = new Set<string>();
  const canonicalUsers = new Set<string>();
  let wildcard = block.wildcard;
  for (const entry of block.entries) {
    const value = entry.value.value;
    switch (entry.type) {
      case 'AWS': {
        if (value === '*') wildcard = true;
        else if (ACCOUNT_ID.test(value)) accounts.add(value);
        else {
          const root = ROOT_ARN.exec(value);
          if (root?.[1]) accounts.add(root[1]);
          else arns.add(value);
        }
        break;
      }
      case 'Service':
        services.add(value.toLowerCase());
        break;
      case 'Federated':
        federated.add(value);
        break;
      case 'CanonicalUser':
        canonicalUsers.add(value);
        break;
    }
  }
  return { not: block.not, wildcard, accounts, arns, services, federated, canonicalUsers };
}

/**
 * Whether (and how) a statement's Principal or NotPrincipal applies to the caller.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export function matchPrincipal(
  principal: CompiledPrincipal,
  caller: CallerFacts,
  effect: Effect,
  options: PrincipalTestOptions,
): PrincipalMatch {
  if (!principal.not) return matchListed(principal, caller);
  // NotPrincipal applies to every principal not listed; what "listed" means is read from
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
  if (principal.wildcard) return 'none';
  if (effect === 'Deny') {
    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a
    // permissions boundary policy attached, regardless of the values specified in the NotPrincipal":
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
    if (options.hasPermissionsBoundary && isIamPrincipal(caller)) return 'direct';
    // AWS may validate the account, then the role, then the session: a caller escapes the deny only
    // when every level of its chain is listed (the page's advice to list them all).
    return callerChain(principal, caller).every(Boolean) ? 'none' : 'direct';
  }
  // With Allow (which the page advises against) we read "listed" at any level as excluded, so that a
  // NotPrincipal never grants more than its strictest reading.
  return callerChain(principal, caller).some(Boolean) ? 'none' : 'direct';
}

function matchListed(principal: CompiledPrincipal, caller: CallerFacts): PrincipalMatch {
  if (principal.wildcard) return 'direct';
  // Web identity and SAML callers are named by their provider, before they hold any AWS identity.
  if (caller.federatedProvider !== undefined && principal.federated.has(caller.federatedProvider))
    return 'direct';
  switch (caller.type) {
    case 'Anonymous':
      return 'none';
    case 'Service':
      return caller.service !== undefined && principal.services.has(caller.service.toLowerCase())
        ? 'direct'
        : 'none';
    default:
      break;
  }
  if (principal.arns.has(caller.arn)) return 'direct';
  if (caller.type === 'Account' && caller.account !== undefined && principal.accounts.has(caller.account)) {
    // The root user named through its account is the root user itself.
    return 'direct';
  }
  if (caller.roleArn !== undefined && principal.arns.has(caller.roleArn)) return 'role';
  if (caller.account !== undefined && principal.accounts.has(caller.account)) return 'account';
  return 'none';
}

/** One entry per level AWS may check: session or user, then role, then account. */
function callerChain(principal: CompiledPrincipal, caller: CallerFacts): boolean[] {
  const accountListed = caller.account !== undefined && principal.accounts.has(caller.account);
  switch (caller.type) {
    case 'Anonymous':
      return [false];
    case 'Service':
      return [caller.service !== undefined && principal.services.has(caller.service.toLowerCase())];
    case 'Account':
      return [accountListed || principal.arns.has(caller.arn)];
    case 'AssumedRole': {
      const chain = [principal.arns.has(caller.arn)];
      if (caller.roleArn !== undefined) chain.push(principal.arns.has(caller.roleArn));
      chain.push(accountListed);
      return chain;
    }
    default:
      return [principal.arns.has(caller.arn), accountListed];
  }
}

function isIamPrincipal(caller: CallerFacts): boolean {
  return caller.type === 'User' || caller.type === 'AssumedRole' || caller.type === 'FederatedUser';
}
