import type { Database } from 'better-sqlite3';
import type { MfaDeviceRecord } from '../records.js';
import type { StoreTx } from '../store.js';
import { decodeMarker, pageSize, toPage } from './paging.js';
import { opt, readTags } from './rows.js';
import { guardWrite, noSuchEntity } from './sqlite-errors.js';

type MfaOps = Pick<
  StoreTx,
  'getMfaDevice' | 'listMfaDevices' | 'createMfaDevice' | 'updateMfaDevice' | 'deleteMfaDevice'
>;

const COLUMNS = 'd.*, u.name AS user_name';

export function makeMfaOps(db: Database): MfaOps {
  const bySerial = db.prepare<[string], MfaRow>(
    `SELECT ${COLUMNS} FROM mfa_devices d LEFT JOIN users u ON u.id = d.user_id WHERE d.serial = ?`,
  );
  // Assigned means enabled for a user or for the root user (ListVirtualMFADevices AssignmentStatus).
  const list = db.prepare<
    MfaListParams,
    MfaRow
  >(`SELECT ${COLUMNS} FROM mfa_devices d LEFT JOIN users u ON u.id = d.user_id
    WHERE d.account_id = $a AND d.serial > $after
      AND ($assignment = 'Any'
        OR ($assignment = 'Assigned' AND (d.user_id IS NOT NULL OR d.enabled_for_root = 1))
        OR ($assignment = 'Unassigned' AND d.user_id IS NULL AND d.enabled_for_root = 0))
      AND ($user = '' OR u.name = $user COLLATE NOCASE)
    ORDER BY d.serial LIMIT $limit`);
  const userId = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM users WHERE account_id = ? AND name = ?',
  );
  const insert =
    db.prepare(`INSERT INTO mfa_devices (serial, account_id, name, path, seed, user_id, enabled_for_root,
      enable_date, create_date, tags)
    VALUES ($serial, $accountId, $name, $path, $seed, $userId, $root, $enableDate, $createDate, $tags)`);
  const update = db.prepare(`UPDATE mfa_devices SET user_id = $userId, enabled_for_root = $root,
      enable_date = $enableDate, last_used_step = $lastUsedStep, tags = $tags
    WHERE serial = $serial`);
  const remove = db.prepare<[string]>('DELETE FROM mfa_devices WHERE serial = ?');

  const findUserId = (accountId: string, name: string | undefined): string | null => {
    if (name === undefined) return null;
    const row = userId.get(accountId, name);
    if (!row) throw noSuchEntity(`user ${name}`);
    return row.id;
  };
  const find = (serial: string): MfaDeviceRecord => {
    const row = bySerial.get(serial);
    if (!row) throw noSuchEntity(`MFA device ${serial}`);
    return toDevice(row);
  };

  return {
    async getMfaDevice(serialNumber) {
      const row = bySerial.get(serialNumber);
      return row && toDevice(row);
    },
    async listMfaDevices(accountId, filter, page) {
      const size = pageSize(page);
      const rows = list.all({
        a: accountId,
        after: decodeMarker(page.marker),
        assignment: filter.assignment ?? 'Any',
        user: filter.userName ?? '',
        limit: size + 1,
      });
      return toPage(rows, size, toDevice, (row) => row.serial);
    },
    async createMfaDevice(device) {
      const owner = findUserId(device.accountId, device.userName);
      guardWrite(`MFA device ${device.name}`, () =>
        insert.run({
          serial: device.serialNumber,
          accountId: device.accountId,
          name: device.name,
          path: device.path,
          seed: device.seed,
          userId: owner,
          root: device.enabledForRoot ? 1 : 0,
          enableDate: device.enableDate ?? null,
          createDate: device.createDate,
          tags: JSON.stringify(device.tags),
        }),
      );
    },
    async updateMfaDevice(serialNumber, patch) {
      const current = find(serialNumber);
      const userName = patch.userName === undefined ? current.userName : (patch.userName ?? undefined);
      const next: MfaDeviceRecord = {
        ...current,
        userName,
        enabledForRoot: patch.enabledForRoot ?? current.enabledForRoot,
        enableDate: patch.enableDate === undefined ? current.enableDate : (patch.enableDate ?? undefined),
        lastUsedStep: patch.lastUsedStep ?? current.lastUsedStep,
        tags: patch.tags ?? current.tags,
      };
      update.run({
        serial: serialNumber,
        userId: findUserId(current.accountId, userName),
        root: next.enabledForRoot ? 1 : 0,
        enableDate: next.enableDate ?? null,
        lastUsedStep: next.lastUsedStep ?? null,
        tags: JSON.stringify(next.tags),
      });
      return next;
    },
    async deleteMfaDevice(serialNumber) {
      if (remove.run(serialNumber).changes === 0) throw noSuchEntity(`MFA device ${serialNumber}`);
    },
  };
}

interface MfaRow {
  serial: string;
  account_id: string;
  name: string;
  path: string;
  seed: string;
  user_id: string | null;
  user_name: string | null;
  enabled_for_root: number;
  enable_date: number | null;
  create_date: number;
  tags: string;
  last_used_step: number | null;
}

interface MfaListParams {
  a: string;
  after: string;
  assignment: string;
  user: string;
  limit: number;
}

function toDevice(row: MfaRow): MfaDeviceRecord {
  return {
    accountId: row.account_id,
    serialNumber: row.serial,
    name: row.name,
    path: row.path,
    seed: row.seed,
    userName: opt(row.user_name),
    enabledForRoot: row.enabled_for_root === 1,
    enableDate: opt(row.enable_date),
    createDate: row.create_date,
    tags: readTags(row.tags),
    lastUsedStep: opt(row.last_used_step),
  };
}
