// A request as the HTTP edge received it, before anything is decoded or normalised.

export interface SignedRequest {
  method: string;
  /** The path exactly as sent, still percent-encoded (`req.url` up to `?`). */
  path: string;
  /** The raw query string without the `?` ('' when there is none). */
  query: string;
  /**
   * Lower-case header names. Pass node's `req.headersDistinct` when repeated headers matter:
   * SigV4 joins repeated values with `,`, while `req.headers` joins them with `, `.
   */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * Hex SHA-256 of the body when the server buffered it. Required by every service but S3,
   * whose clients sign the hash in x-amz-content-sha256 (checked against this when given).
   */
  bodySha256?: string;
}
