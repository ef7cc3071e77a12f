// IAM returns every policy document URL-encoded: "Policies returned by this operation are URL-encoded
// compliant with RFC 3986" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html).
// On the wire only RFC 3986's unreserved characters stay as they are: `*` is %2A, `/` is %2F and a
// space is %20, as captured AWS answers show (github.com/aws/aws-sdk-java/issues/730,
// github.com/getmoto/moto/pull/8157). botocore and the aws CLI decode it; the JavaScript and Go SDKs
// hand the encoded text to the caller.

export function encodePolicyDocument(text: string): string {
  // encodeURIComponent also leaves !'()* alone; RFC 3986 reserves them.
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
