// Additional checksums (x-amz-checksum-*): the ones a request states, checked for form before the body is
// read, and the members an output carries them in. S3 keeps a CRC64NVME of every object uploaded without
// one. https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
import type { ChecksumAlgorithm as ChecksumAlgorithmShape } from '../../protocol/generated/s3.js';
import type { ChecksumAlgorithm, Checksums } from '../../store/s3-records.js';
import { s3Error } from './s3-errors.js';

/** What S3 computes when the client names no checksum. */
export const DEFAULT_CHECKSUM: ChecksumAlgorithm = 'CRC64NVME';

// Algorithm, its input/output member, its digest's length in bytes.
const ALGORITHMS = [
  ['CRC32', 'ChecksumCRC32', 4],
  ['CRC32C', 'ChecksumCRC32C', 4],
  ['CRC64NVME', 'ChecksumCRC64NVME', 8],
  ['SHA1', 'ChecksumSHA1', 20],
  ['SHA256', 'ChecksumSHA256', 32],
] as const satisfies readonly (readonly [ChecksumAlgorithm, string, number])[];

// Newer algorithms the model names and trustlab does not compute.
const UNSUPPORTED = [
  'ChecksumSHA512',
  'ChecksumMD5',
  'ChecksumXXHASH64',
  'ChecksumXXHASH3',
  'ChecksumXXHASH128',
] as const;

type ChecksumMember = (typeof ALGORITHMS)[number][1];
export type ChecksumMembers = Partial<Record<ChecksumMember, string>>;
type ChecksumInput = ChecksumMembers & Partial<Record<(typeof UNSUPPORTED)[number], string>>;

const UNSUPPORTED_ALGORITHM =
  'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]';

/** The x-amz-sdk-checksum-algorithm a request names, if S3 computes it. */
export function checksumAlgorithm(value: ChecksumAlgorithmShape | undefined): ChecksumAlgorithm | undefined {
  if (value === undefined) return undefined;
  if (!ALGORITHMS.some(([algorithm]) => algorithm === value))
    throw s3Error('InvalidRequest', UNSUPPORTED_ALGORITHM);
  return value as ChecksumAlgorithm;
}

/** The checksum headers of a request, at most one, each a well-formed digest. */
export function requestChecksums(input: ChecksumInput): Checksums {
  if (UNSUPPORTED.some((member) => input[member] !== undefined)) {
    throw s3Error('InvalidRequest', UNSUPPORTED_ALGORITHM);
  }
  const checksums: Checksums = {};
  for (const [algorithm, member, bytes] of ALGORITHMS) {
    const value = input[member];
    if (value === undefined) continue;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || Buffer.from(value, 'base64').length !== bytes) {
      throw s3Error(
        'InvalidRequest',
        `Value for x-amz-checksum-${algorithm.toLowerCase()} header is invalid.`,
      );
    }
    checksums[algorithm] = value;
  }
  if (Object.keys(checksums).length > 1) {
    throw s3Error(
      'InvalidRequest',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  return checksums;
}

/** The checksums a write computes: those stated, the one named, else S3's default. */
export function checksumsToCompute(
  stated: Checksums,
  named: ChecksumAlgorithm | undefined,
): ChecksumAlgorithm[] {
  const algorithms = new Set(Object.keys(stated) as ChecksumAlgorithm[]);
  if (named) algorithms.add(named);
  if (algorithms.size === 0) algorithms.add(DEFAULT_CHECKSUM);
  return [...algorithms];
}

/** Stored checksums as output members (ChecksumCRC32…). */
export function checksumMembers(checksums: Checksums): ChecksumMembers {
  const members: ChecksumMembers = {};
  for (const [algorithm, member] of ALGORITHMS) {
    const value = checksums[algorithm];
    if (value !== undefined) members[member] = value;
  }
  return members;
}

/** The algorithms of stored checksums, as listings name them. */
export function checksumAlgorithms(checksums: Checksums): ChecksumAlgorithm[] {
  return ALGORITHMS.map(([algorithm]) => algorithm).filter((a) => checksums[a] !== undefined);
}
