import { type AwsError, validationError } from '../errors.js';
import type { ValidationFailure } from './check.js';

// AWS's server-side validation message (not botocore's client-side one), as IAM and STS send it:
//   1 validation error detected: Value 'bad/name' at 'roleSessionName' failed to satisfy constraint:
//   Member must satisfy regular expression pattern: [\w+=,.@-]*
//   2 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: …; Value '' at …
// A missing required member is `Value null at 'userName' failed to satisfy constraint: Member must not be null`.
// Sensitive values are left out (`Value at 'password' …`).
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (constraints per parameter)

export function renderValidationMessage(failures: readonly ValidationFailure[]): string {
  const n = failures.length;
  const parts = failures.map(
    (f) => `Value${renderValue(f)} at '${f.path}' failed to satisfy constraint: ${renderConstraint(f)}`,
  );
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

/** The ValidationError for these failures, or undefined when there are none. */
export function validationErrorFor(failures: readonly ValidationFailure[]): AwsError | undefined {
  return failures.length === 0 ? undefined : validationError(renderValidationMessage(failures));
}

function renderConstraint(f: ValidationFailure): string {
  switch (f.kind) {
    case 'required':
      return 'Member must not be null';
    case 'pattern':
      return `Member must satisfy regular expression pattern: ${f.pattern}`;
    case 'length':
      return `Member must have length ${f.bound === 'min' ? 'greater' : 'less'} than or equal to ${f.limit}`;
    case 'range':
      return `Member must have value ${f.bound === 'min' ? 'greater' : 'less'} than or equal to ${f.limit}`;
    case 'enum':
      return `Member must satisfy enum value set: [${f.values.join(', ')}]`;
  }
}

// AWS prints Java's toString of the value; for structures that is an object dump we do not reproduce, so
// those (like sensitive values) are left out.
function renderValue(f: ValidationFailure): string {
  if (f.kind === 'required') return ' null';
  if (f.sensitive) return '';
  const v = f.value;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return ` '${String(v)}'`;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
    return ` '[${v.join(', ')}]'`;
  }
  return '';
}
