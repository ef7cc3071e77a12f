// What a store refuses. Services check first and raise AWS's own errors with AWS's messages; these
// are the store's last word when a check was missed or raced, named like the IAM errors they become.

export type StoreErrorCode =
  /** A name (case-insensitive), alias, key id or serial number is already taken. */
  | 'EntityAlreadyExists'
  /** The entity to change or delete does not exist. */
  | 'NoSuchEntity'
  /** The entity still has dependents (keys, memberships, policies…): referential integrity. */
  | 'DeleteConflict'
  /** A pagination marker that this store did not hand out. */
  | 'InvalidMarker';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isStoreError(value: unknown, code?: StoreErrorCode): value is StoreError {
  return value instanceof StoreError && (code === undefined || value.code === code);
}
