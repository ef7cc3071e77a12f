import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/load-model.js';
import type { ServiceName, StructureShape } from '../model/model-types.js';
import { checkInput } from './check.js';
import { renderValidationMessage } from './render-validation.js';

// Constraints come from the models; each operation's API reference lists them ("Length Constraints",
// "Pattern", "Valid Range", "Valid Values"), e.g. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
// and https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html. The message forms are the
// ones STS and IAM answer with.

function inputShape(service: ServiceName, operation: string): StructureShape {
  const shape = loadModel(service).operations.get(operation)?.input;
  if (!shape) throw new Error(`${service} ${operation}`);
  return shape;
}

const assumeRole = inputShape('sts', 'AssumeRole');
const createUser = inputShape('iam', 'CreateUser');
const roleArn = 'arn:aws:iam::999999999999:role/UpdateApp';

function message(shape: StructureShape, input: Record<string, unknown>): string {
  return renderValidationMessage(checkInput(shape, input));
}

describe('checkInput', () => {
  it('accepts a valid input', () => {
    expect(
      checkInput(assumeRole, { RoleArn: roleArn, RoleSessionName: 'david', DurationSeconds: 900 }),
    ).toEqual([]);
  });

  it('required: a missing member is null', () => {
    expect(checkInput(createUser, {})).toEqual([
      { kind: 'required', path: 'userName', value: null, sensitive: false },
    ]);
    expect(message(createUser, {})).toBe(
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    );
  });

  it('pattern: the whole value must match, and the message quotes the Java pattern', () => {
    expect(message(createUser, { UserName: 'x y' })).toBe(
      "1 validation error detected: Value 'x y' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
    expect(message(assumeRole, { RoleArn: roleArn, RoleSessionName: 'bad/name' })).toBe(
      "1 validation error detected: Value 'bad/name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });

  it('length: min and max, counted in code points', () => {
    expect(message(assumeRole, { RoleArn: roleArn, RoleSessionName: 'a' })).toBe(
      "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
    expect(message(assumeRole, { RoleArn: roleArn, RoleSessionName: 'a'.repeat(65) })).toContain(
      'Member must have length less than or equal to 64',
    );
    // 2048 emoji are 4096 UTF-16 units but 2048 characters: only the pattern fails (AWS's own answer).
    const emoji = checkInput(assumeRole, { RoleArn: '😀'.repeat(2048), RoleSessionName: 'ss' });
    expect(emoji.map((f) => f.kind)).toEqual(['pattern']);
    // 1025 decomposed é are 2050 characters: too long, and no normalisation happens first.
    const decomposed = checkInput(assumeRole, { RoleArn: 'e\u0301'.repeat(1025), RoleSessionName: 'ss' });
    expect(decomposed.map((f) => f.kind)).toEqual(['length']);
  });

  it('pattern before length for one member, members in model order', () => {
    expect(message(assumeRole, { RoleArn: '', RoleSessionName: '' })).toBe(
      '3 validation errors detected: ' +
        "Value '' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+; " +
        "Value '' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
        "Value '' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });

  it('range: integers against min and max', () => {
    const base = { RoleArn: roleArn, RoleSessionName: 'ss' };
    expect(message(assumeRole, { ...base, DurationSeconds: 899 })).toBe(
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    expect(message(assumeRole, { ...base, DurationSeconds: 43201 })).toBe(
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
  });

  it('enum: the value set in model order', () => {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html
    const update = inputShape('iam', 'UpdateAccessKey');
    expect(message(update, { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Enabled' })).toBe(
      "1 validation error detected: Value 'Enabled' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]",
    );
  });

  it('nested members: list items as `tags.N.member.key`, list sizes on the list', () => {
    const tags = [
      { Key: 'ok', Value: 'v' },
      { Key: 'bad*key', Value: 'v' },
    ];
    expect(message(createUser, { UserName: 'bob', Tags: tags })).toBe(
      "1 validation error detected: Value 'bad*key' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    );
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect(message(createUser, { UserName: 'bob', Tags: many })).toBe(
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    );
    const policyArns = [{ arn: 'short' }];
    expect(message(assumeRole, { RoleArn: roleArn, RoleSessionName: 'ss', PolicyArns: policyArns })).toBe(
      "1 validation error detected: Value 'short' at 'policyArns.1.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
  });

  it('sensitive values are left out of the message', () => {
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html (Password: sensitive)
    const login = inputShape('iam', 'CreateLoginProfile');
    expect(message(login, { UserName: 'bob', Password: `secret ${'x'.repeat(130)}` })).toBe(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
  });

  it('tag values: Unicode letters, spaces and numbers pass, symbols do not', () => {
    const ok = checkInput(createUser, { UserName: 'bob', Tags: [{ Key: 'Département 1', Value: '日本 ٣' }] });
    expect(ok).toEqual([]);
    const bad = checkInput(createUser, { UserName: 'bob', Tags: [{ Key: 'k', Value: '✓' }] });
    expect(bad).toMatchObject([{ kind: 'pattern', path: 'tags.1.member.value' }]);
  });
});
