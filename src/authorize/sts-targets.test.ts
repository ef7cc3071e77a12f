// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
import { describe, expect, it } from 'vitest';
import { stsTargets } from './sts-targets.js';

const account = '111111111111';
const role = 'arn:aws:iam::999999999999:role/UpdateApp';

describe('stsTargets', () => {
  it("AssumeRole is authorized on the role, in the role's account", () => {
    expect(
      stsTargets({
        operation: 'AssumeRole',
        input: { RoleArn: role, RoleSessionName: 'David-ProdUpdate' },
        account,
      }),
    ).toEqual([
      {
        action: 'sts:AssumeRole',
        resource: role,
        resourceAccount: '999999999999',
        context: { 'sts:RoleSessionName': 'David-ProdUpdate' },
      },
    ]);
  });

  it('session tags also need sts:TagSession, a source identity sts:SetSourceIdentity', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_permissions-required
    const targets = stsTargets({
      operation: 'AssumeRole',
      input: {
        RoleArn: role,
        RoleSessionName: 's',
        ExternalId: 'x-123',
        SourceIdentity: 'david',
        Tags: [{ Key: 'project', Value: 'app' }],
        TransitiveTagKeys: ['project'],
      },
      account,
    });
    expect(targets.map((t) => t.action)).toEqual([
      'sts:AssumeRole',
      'sts:TagSession',
      'sts:SetSourceIdentity',
    ]);
    expect(targets[0]?.context).toEqual({
      'aws:RequestTag/project': 'app',
      'aws:TagKeys': ['project'],
      'sts:ExternalId': 'x-123',
      'sts:RoleSessionName': 's',
      'sts:SourceIdentity': 'david',
      'sts:TransitiveTagKeys': ['project'],
    });
  });

  it('GetCallerIdentity and GetSessionToken need no permission', () => {
    expect(stsTargets({ operation: 'GetCallerIdentity', input: {}, account })).toEqual([]);
    expect(stsTargets({ operation: 'GetSessionToken', input: {}, account })).toEqual([]);
  });

  it('GetFederationToken is authorized on the federated user', () => {
    expect(
      stsTargets({ operation: 'GetFederationToken', input: { Name: 'Bob' }, account })[0]?.resource,
    ).toBe(`arn:aws:sts::${account}:federated-user/Bob`);
  });
});
