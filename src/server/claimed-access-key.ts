/**
 * The access key id a request claims to be signed with (Authorization header or presigned
 * `X-Amz-Credential`), and the service of its credential scope; verification comes after.
 */
export function claimedAccessKey(
  authorization: string | undefined,
  query: string,
): { accessKeyId: string; service: string } | undefined {
  const credential =
    /Credential=([^,\s]+)/.exec(authorization ?? '')?.[1] ??
    new URLSearchParams(query).get('X-Amz-Credential') ??
    undefined;
  if (!credential) return undefined;
  const [accessKeyId, , , service] = credential.split('/');
  return accessKeyId ? { accessKeyId, service: service ?? '' } : undefined;
}
