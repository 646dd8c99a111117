/**
 * A consumer of the tasks API: the backup dashboard. It lists the scheduled tasks, keeps the
 * CreateBackup ones, and shows each with its schedule, retention and recent runs. It speaks to the
 * admin root with `f=json` and a token, as ArcGIS REST clients do, and treats an ArcGIS error
 * envelope (sent with HTTP 200) as an error.
 */
export interface BackupSummary {
  readonly taskId: string;
  readonly title: string;
  readonly paused: boolean;
  readonly schedule: string;
  readonly retention: string;
  readonly store: string;
}

export interface RunSummary {
  readonly runId: string;
  readonly status: string;
  readonly started: number;
}

/** What the dashboard shows for one backup task: the state of its latest run, and that run. */
export interface BackupHealth {
  readonly title: string;
  /** `failed` covers failed and submitfailed runs; `running` a run still scheduled or executing. */
  readonly state: 'ok' | 'failed' | 'running' | 'skipped' | 'never ran';
  readonly lastRun?: RunSummary & { readonly message: string };
}

const HEALTH: Readonly<Record<string, BackupHealth['state']>> = {
  succeeded: 'ok',
  failed: 'failed',
  submitfailed: 'failed',
  scheduled: 'running',
  executing: 'running',
  skipped: 'skipped',
};

export class ArcGISError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: JSON from the wire, read the way a consumer app reads it
type Json = Record<string, any>;

export class BackupDashboardClient {
  constructor(
    private readonly adminUrl: string,
    private readonly token: string,
  ) {}

  private async get(path: string): Promise<Json> {
    const url = `${this.adminUrl}${path}?${new URLSearchParams({ f: 'json', token: this.token })}`;
    const response = await fetch(url);
    const body = (await response.json()) as Json;
    if (body['error']) throw new ArcGISError(body['error'].code, body['error'].message);
    return body;
  }

  /** The ids and titles of the backup tasks among all scheduled tasks. */
  async backupTaskIds(): Promise<{ taskId: string; title: string }[]> {
    const list = await this.get('/system/tasks');
    return (list['result'] as Json[])
      .filter((t) => t['taskType'] === 'CreateBackup')
      .map((t) => ({ taskId: t['taskId'], title: t['taskTitle'] }));
  }

  async backup(taskId: string): Promise<BackupSummary> {
    const task = await this.get(`/system/tasks/${taskId}`);
    const retention = task['parameters']['metaData']['retention'];
    return {
      taskId: task['taskId'],
      title: task['taskTitle'],
      paused: task['taskState'] === 'paused',
      schedule: task['cronExpression'],
      retention: `${retention.value} ${retention.type}${retention.value === 1 ? '' : 's'}`,
      store: task['parameters']['storeName'],
    };
  }

  async recentRuns(taskId: string): Promise<RunSummary[]> {
    const runs = await this.get(`/system/tasks/${taskId}/runs`);
    return (runs['result'] as Json[]).map((run) => ({
      runId: run['runId'],
      status: run['status'],
      started: run['created'],
    }));
  }

  /** The backup's health: its latest run (runs are listed oldest first) and what it said. */
  async health(taskId: string): Promise<BackupHealth> {
    const [backup, runs] = await Promise.all([this.backup(taskId), this.get(`/system/tasks/${taskId}/runs`)]);
    const last = (runs['result'] as Json[]).at(-1);
    if (!last) return { title: backup.title, state: 'never ran' };
    return {
      title: backup.title,
      state: HEALTH[last['status']] ?? 'failed',
      lastRun: { runId: last['runId'], status: last['status'], started: last['created'], message: last['result'] },
    };
  }
}
