import { describe, expect, it } from 'vitest';
import { encodePolicyDocument } from './encode-policy-document.js';

// "Policies returned by this operation are URL-encoded compliant with RFC 3986"
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html).
describe('encodePolicyDocument', () => {
  it('encodes as AWS does: `*` as %2A, `/` as %2F, unreserved characters kept', () => {
    // The document and its encoding as AWS returned them in github.com/aws/aws-sdk-java/issues/730.
    const text =
      '{"Version":"2012-10-17","Statement":[{"Sid":"Stmt1465345522686","Effect":"Allow","Action":["dynamodb:GetItem"],"Resource":["arn:aws:dynamodb:ap-southeast-2::table/nwh-test-2-1465345522686/*"]}]}';
    expect(encodePolicyDocument(text)).toBe(
      '%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Sid%22%3A%22Stmt1465345522686%22%2C%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22dynamodb%3AGetItem%22%5D%2C%22Resource%22%3A%5B%22arn%3Aaws%3Adynamodb%3Aap-southeast-2%3A%3Atable%2Fnwh-test-2-1465345522686%2F%2A%22%5D%7D%5D%7D',
    );
  });

  it("encodes spaces as %20 and the reserved !'() too; decoding gives the text back", () => {
    const text = `{"Sid": "a b", "x": "!'()~._-", "ü": "\n"}`;
    const encoded = encodePolicyDocument(text);
    expect(encoded).toMatch(/^[A-Za-z0-9%._~-]*$/);
    expect(encoded).toContain('%20');
    expect(encoded).toContain('%21%27%28%29~._-');
    expect(decodeURIComponent(encoded)).toBe(text);
  });
});
