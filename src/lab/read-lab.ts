import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** A lab file: the accounts to create (later issues add users, roles, buckets…). */
export interface Lab {
  accounts: LabAccount[];
}

export interface LabAccount {
  id: string;
  alias?: string;
  root: { email: string; password?: string; accessKeyId?: string; secretAccessKey?: string };
}

export interface LabError {
  line: number;
  column: number;
  message: string;
}

/** Reads a lab file; every problem is reported with its line and column, nothing is half-read. */
export function readLab(text: string): { lab: Lab } | { errors: LabError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const errors: LabError[] = doc.errors.map((e) => {
    const at = lines.linePos(e.pos[0]);
    return { line: at.line, column: at.col, message: e.message.split('\n')[0] ?? e.message };
  });
  if (errors.length > 0) return { errors };
  const fail = (node: Node | null | undefined, message: string) => {
    const at = lines.linePos(node?.range?.[0] ?? 0);
    errors.push({ line: at.line, column: at.col, message });
  };

  const root = doc.contents;
  const accountsNode = isMap(root) ? root.get('accounts', true) : undefined;
  if (!isSeq(accountsNode)) {
    fail(root, '`accounts` must be a list of accounts');
    return { errors };
  }
  const accounts: LabAccount[] = [];
  const seen = new Set<string>();
  for (const item of accountsNode.items) {
    if (!isMap(item)) {
      fail(item as Node, 'an account must be a mapping with `id` and `root`');
      continue;
    }
    const value = item.toJSON() as Record<string, unknown>;
    const id = value.id;
    if (typeof id !== 'string' || !/^\d{12}$/.test(id)) {
      fail(item.get('id', true) as Node, '`id` must be a 12-digit account id, quoted ("111111111111")');
      continue;
    }
    if (seen.has(id)) fail(item.get('id', true) as Node, `account \`${id}\` is listed twice`);
    seen.add(id);
    const alias = value.alias;
    if (
      alias !== undefined &&
      (typeof alias !== 'string' || !/^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/.test(alias))
    ) {
      fail(
        item.get('alias', true) as Node,
        '`alias` must be 3 to 63 lower-case letters, digits and single hyphens',
      );
    }
    const rootUser = value.root as Record<string, unknown> | undefined;
    if (typeof rootUser?.email !== 'string') {
      fail(item, '`root.email` is required');
      continue;
    }
    const keyId = rootUser.accessKeyId;
    const secret = rootUser.secretAccessKey;
    if ((keyId === undefined) !== (secret === undefined))
      fail(item, '`root.accessKeyId` and `root.secretAccessKey` go together');
    if (keyId !== undefined && (typeof keyId !== 'string' || !/^AKIA[A-Z0-9]{16}$/.test(keyId))) {
      fail(item, '`root.accessKeyId` must look like an AWS key id: AKIA and 16 upper-case letters or digits');
    }
    if (secret !== undefined && (typeof secret !== 'string' || secret.length < 16)) {
      fail(item, '`root.secretAccessKey` must be a string of at least 16 characters');
    }
    accounts.push({
      id,
      ...(typeof alias === 'string' ? { alias } : {}),
      root: {
        email: rootUser.email,
        ...(typeof rootUser.password === 'string' ? { password: rootUser.password } : {}),
        ...(typeof keyId === 'string' ? { accessKeyId: keyId } : {}),
        ...(typeof secret === 'string' ? { secretAccessKey: secret } : {}),
      },
    });
  }
  return errors.length > 0 ? { errors } : { lab: { accounts } };
}
