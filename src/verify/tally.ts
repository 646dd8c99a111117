/** How often one check passed and failed on one endpoint. */
export interface TallyRow {
  readonly endpoint: string;
  readonly check: string;
  passed: number;
  failed: number;
  /** Failures that were warnings only. */
  warned: number;
}

/** Counts check verdicts per endpoint x check, in first-seen order. */
export class Tally {
  /** By endpoint, then check: every verdict of a run comes here, and no key string is built for it. */
  private readonly byEndpoint = new Map<string, Map<string, TallyRow>>();
  private readonly rows: TallyRow[] = [];

  record(endpoint: string, check: string, verdict: 'passed' | 'failed' | 'warned'): void {
    let checks = this.byEndpoint.get(endpoint);
    if (!checks) {
      checks = new Map();
      this.byEndpoint.set(endpoint, checks);
    }
    let row = checks.get(check);
    if (!row) {
      row = { endpoint, check, passed: 0, failed: 0, warned: 0 };
      checks.set(check, row);
      this.rows.push(row);
    }
    row[verdict] += 1;
  }

  toRows(): TallyRow[] {
    return this.rows.map((row) => ({ ...row }));
  }
}

/**
 * The table's order: by path, GET before POST, then the order of `checkOrder` (the registry's).
 *
 * @example sortTallyRows(rows, CHECK_NAMES) // GET /system/tasks rows first, response-schema before secrets
 */
export function sortTallyRows<T extends Pick<TallyRow, 'endpoint' | 'check'>>(
  rows: T[],
  checkOrder: readonly string[],
): T[] {
  const key = (row: T) => {
    const [method = '', path = ''] = row.endpoint.split(' ');
    return [path, method, String(checkOrder.indexOf(row.check)).padStart(3, '0')].join('\u0000');
  };
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
