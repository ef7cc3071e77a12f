import type { ContextValue } from '../policy/types.js';

export interface ConnectionFacts {
  sourceIp: string;
  secure: boolean;
  now: Date;
  /** The region the request was signed for; '' when none (anonymous, or an empty scope). */
  region: string;
  userAgent: string | undefined;
}

/** The global condition keys a request's connection supplies, whatever the service. */
export function connectionKeys(facts: ConnectionFacts): Record<string, ContextValue> {
  return {
    'aws:SourceIp': facts.sourceIp,
    'aws:CurrentTime': facts.now.toISOString(),
    'aws:EpochTime': String(Math.floor(facts.now.getTime() / 1000)),
    'aws:SecureTransport': String(facts.secure),
    'aws:RequestedRegion': facts.region || 'us-east-1',
    ...(facts.userAgent ? { 'aws:UserAgent': facts.userAgent } : {}),
  };
}
