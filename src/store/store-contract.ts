// The one contract every Store backend passes: run it from the backend's test file with a factory
// that returns a fresh, empty store (and, for stores that keep data, a way to reopen it).
import { afterEach, beforeEach, describe } from 'vitest';
import { accountAndUserContract } from './contract/accounts-users.js';
import { credentialContract } from './contract/credentials.js';
import type { ContractContext } from './contract/fixtures.js';
import { groupAndRoleContract } from './contract/groups-roles.js';
import { policyContract } from './contract/policies.js';
import { s3BucketContract } from './contract/s3-buckets.js';
import { s3InlineBodyContract } from './contract/s3-inline-bodies.js';
import { s3ObjectContract } from './contract/s3-objects.js';
import { s3UploadContract } from './contract/s3-uploads.js';
import { transactionAndAuditContract } from './contract/transactions-audit.js';
import type { Store } from './store.js';

export interface StoreFactory {
  /** A fresh, empty store. */
  open(): Store | Promise<Store>;
  /** Opens the data of a closed store again; omit for stores that keep nothing. */
  reopen?: (closed: Store) => Store | Promise<Store>;
  /** Reads outside a transaction see only committed data. */
  isolatedReads: boolean;
}

export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let current: Store | undefined;
    const reopen = factory.reopen;
    const ctx: ContractContext = {
      store: () => {
        if (!current) throw new Error('no store is open');
        return current;
      },
      isolatedReads: factory.isolatedReads,
      reopen: reopen
        ? async () => {
            const closed = ctx.store();
            await closed.close();
            current = await reopen(closed);
            return current;
          }
        : undefined,
    };
    beforeEach(async () => {
      current = await factory.open();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    accountAndUserContract(ctx);
    groupAndRoleContract(ctx);
    policyContract(ctx);
    credentialContract(ctx);
    transactionAndAuditContract(ctx);
    s3BucketContract(ctx);
    s3ObjectContract(ctx);
    s3UploadContract(ctx);
    s3InlineBodyContract(ctx);
  });
}
