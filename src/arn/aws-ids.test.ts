// Unique id prefixes: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes
// Access key ids carry the account (what sts:GetAccessKeyInfo answers):
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html
import { describe, expect, it } from 'vitest';
import {
  accountFromAccessKeyId,
  canonicalUserId,
  encodeBase32,
  isAccessKeyId,
  newAccessKeyId,
  newMfaSeed,
  newS3RequestId,
  newS3UploadId,
  newS3VersionId,
  newSecretAccessKey,
  newSessionToken,
  newUniqueId,
  UNIQUE_ID_PREFIXES,
  type UniqueIdKind,
  uniqueIdKind,
} from './aws-ids.js';

describe('unique ids (reference_identifiers.html#identifiers-unique-ids)', () => {
  it('are 21 characters: the type prefix and AWS base32 characters', () => {
    for (const kind of Object.keys(UNIQUE_ID_PREFIXES) as UniqueIdKind[]) {
      const id = newUniqueId(kind);
      expect(id).toMatch(/^A[A-Z]{3}[A-Z2-7]{17}$/);
      expect(id.startsWith(UNIQUE_ID_PREFIXES[kind])).toBe(true);
      expect(uniqueIdKind(id)).toBe(kind);
    }
    expect(UNIQUE_ID_PREFIXES).toMatchObject({
      user: 'AIDA',
      group: 'AGPA',
      role: 'AROA',
      managedPolicy: 'ANPA',
    });
  });

  it('recognises the documented example ids and refuses other text', () => {
    expect(uniqueIdKind('AIDAJQABLZS4A3QDU576Q')).toBe('user');
    expect(uniqueIdKind('AROADBQP57FF2AEXAMPLE')).toBe('role');
    expect(uniqueIdKind('AIDA0000000000000000Q')).toBeUndefined();
    expect(uniqueIdKind('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
  });

  it('do not repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newUniqueId('user')));
    expect(ids.size).toBe(2000);
  });
});

describe('access keys', () => {
  it('are AKIA/ASIA and 16 base32 characters that encode the account', () => {
    for (const account of ['999999999999', '111111111111', '000000000001', '609629065308']) {
      const long = newAccessKeyId(account, 'long-term');
      const session = newAccessKeyId(account, 'session');
      expect(long).toMatch(/^AKIA[A-Z2-7]{16}$/);
      expect(session).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(isAccessKeyId(long) && isAccessKeyId(session)).toBe(true);
      expect(accountFromAccessKeyId(long)).toBe(account);
      expect(accountFromAccessKeyId(session)).toBe(account);
    }
  });

  it('decode the account from a real key as AWS does (awsteele.com/blog/2020/09/26/aws-access-key-format.html)', () => {
    expect(accountFromAccessKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308');
    // The documentation's example key predates the account encoding (its flag bit is clear).
    expect(accountFromAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(accountFromAccessKeyId('AKIA')).toBeUndefined();
  });

  it('have 40-character secrets and long opaque session tokens', () => {
    const secret = newSecretAccessKey();
    expect(secret).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(newSecretAccessKey()).not.toBe(secret);
    const token = newSessionToken();
    expect(token.length).toBeGreaterThanOrEqual(200);
    expect(token).toMatch(/^[A-Za-z0-9+/=]+$/);
  });
});

describe('other ids', () => {
  it('encodes base32 as RFC 4648 (test vectors, section 10)', () => {
    const enc = (s: string) => encodeBase32(new TextEncoder().encode(s));
    expect(enc('f')).toBe('MY');
    expect(enc('fo')).toBe('MZXQ');
    expect(enc('foobar')).toBe('MZXW6YTBOI');
  });

  it('gives virtual MFA seeds of 64 base32 characters', () => {
    expect(newMfaSeed()).toMatch(/^[A-Z2-7]{64}$/);
  });

  it('derives a stable 64-hex canonical user id per account (finding-canonical-user-id.html)', () => {
    const a = canonicalUserId('999999999999');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalUserId('999999999999')).toBe(a);
    expect(canonicalUserId('111111111111')).not.toBe(a);
  });

  it('gives S3 request ids, version ids and upload ids in the shapes S3 uses, never twice', () => {
    expect(newS3RequestId()).toMatch(/^[0-9A-F]{16}$/);
    expect(newS3VersionId()).toMatch(/^[A-Za-z0-9_.]{32}$/);
    expect(newS3UploadId()).toMatch(/^[A-Za-z0-9_-]{60}$/);
    const ids = new Set(Array.from({ length: 1000 }, newS3VersionId));
    expect(ids.size).toBe(1000);
  });
});
