// SQLite constraint failures, turned into the store's errors.
import { StoreError } from '../store-error.js';

/**
 * Runs a write; a unique violation becomes EntityAlreadyExists, and a foreign key violation becomes
 * NoSuchEntity for an insert (the parent is missing) or DeleteConflict for a delete (children remain).
 */
export function guardWrite<T>(
  what: string,
  write: () => T,
  onForeignKey: 'NoSuchEntity' | 'DeleteConflict' = 'NoSuchEntity',
): T {
  try {
    return write();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new StoreError('EntityAlreadyExists', `${what} already exists`);
    }
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      const message =
        onForeignKey === 'DeleteConflict'
          ? `${what} is still referenced`
          : `${what} refers to a missing entity`;
      throw new StoreError(onForeignKey, message);
    }
    throw error;
  }
}

export function noSuchEntity(what: string): StoreError {
  return new StoreError('NoSuchEntity', `${what} does not exist`);
}
