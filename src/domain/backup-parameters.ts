import type { CreateBackupParameters, RetentionType } from '../shapes/contract-types.js';
import { inKeyOrder } from './key-order.js';
import { encryptPasscode, isStoredPasscode } from './passcode.js';
import { retentionOffsetMs } from './retention.js';

/** What a CreateBackup task's parameters are made of; `retentionOffset` is derived, the passcode may be plain. */
export interface BackupParts extends Record<string, unknown> {
  readonly metaData: {
    readonly retention: { readonly type: RetentionType; readonly value: number };
    readonly [field: string]: unknown;
  };
  readonly passcode: string;
}

/** The server's order (the seed's sample); other fields (`description`) follow in theirs. */
const BACKUP_KEY_ORDER = ['itemId', 'metaData', 'retentionOffset', 'name', 'storeName', 'passcode'] as const;

/**
 * CreateBackup parameters as a server stores them: `itemId` "" unless given, `retentionOffset` equal to
 * the retention, the passcode encrypted (a stored `{crypt}` value, a client echoing a GET, is kept as it is).
 * @example backupParameters({ metaData: { retention: { type: 'day', value: 14 } }, passcode: 'p4ssw0rd!' }).retentionOffset // 1209600000
 */
export function backupParameters(parts: BackupParts): CreateBackupParameters {
  const fields: Record<string, unknown> = {
    itemId: '',
    ...parts,
    retentionOffset: retentionOffsetMs(parts.metaData.retention),
    passcode: isStoredPasscode(parts.passcode) ? parts.passcode : encryptPasscode(parts.passcode),
  };
  return inKeyOrder(fields, BACKUP_KEY_ORDER) as CreateBackupParameters;
}
