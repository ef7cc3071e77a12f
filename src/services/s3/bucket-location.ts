// Where CreateBucket puts a bucket: its LocationConstraint, which must agree with the region the
// request was signed for. us-east-1 takes no constraint (and refuses one naming itself); `EU` is the
// legacy name of eu-west-1.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucketConfiguration.html
import { loadModel } from '../../protocol/model/load-model.js';
import { s3Error } from './s3-errors.js';

export const US_EAST_1 = 'us-east-1';

/** The bucket's region, or S3's error for a constraint the signing region cannot create. */
export function bucketRegion(constraint: string | undefined, signingRegion: string): string {
  // Clients that sign with an empty region reach the global endpoint, which is us-east-1.
  const region = signingRegion || US_EAST_1;
  if (constraint === undefined || constraint === '') {
    if (region === US_EAST_1) return US_EAST_1;
    throw s3Error('IllegalLocationConstraintException');
  }
  if (!locationConstraints().has(constraint)) throw s3Error('InvalidLocationConstraint');
  const wanted = constraint === 'EU' ? 'eu-west-1' : constraint;
  if (wanted !== region) {
    throw s3Error(
      'IllegalLocationConstraintException',
      `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    );
  }
  return wanted;
}

let known: ReadonlySet<string> | undefined;

/** The model's BucketLocationConstraint values: every region but us-east-1, and `EU`. */
function locationConstraints(): ReadonlySet<string> {
  if (!known) {
    const shape = loadModel('s3').shapes.get('BucketLocationConstraint');
    known = new Set(shape?.type === 'string' ? shape.enum : []);
  }
  return known;
}
