import type { components } from './contract.generated.js';

// Friendly names for the types generated from spec/openapi.yaml (npm run gen:types).
// Code uses these, so a change of the spec that breaks the code fails the type check.
type Schemas = components['schemas'];

export type Task = Schemas['Task'];
export type TaskType = Schemas['TaskType'];
export type CleanGPJobsTask = Schemas['CleanGPJobsTask'];
export type CreateBackupTask = Schemas['CreateBackupTask'];
export type BackupRetentionCleanerTask = Schemas['BackupRetentionCleanerTask'];
export type CreateHealthCheckReportsTask = Schemas['CreateHealthCheckReportsTask'];
export type CreateBackupParameters = Schemas['CreateBackupParameters'];
export type HealthCheckParameters = Schemas['HealthCheckParameters'];
export type CronSchedule = Schemas['CronSchedule'];
export type DateValue = Schemas['DateValue'];
export type RetentionType = Schemas['RetentionType'];
export type Run = Schemas['Run'];
export type RunStatus = Schemas['RunStatus'];
export type TaskList = Schemas['TaskList'];
export type RunList = Schemas['RunList'];
export type Success = Schemas['Success'];
export type CreateTaskSuccess = Schemas['CreateTaskSuccess'];
export type PortalError = Schemas['PortalError'];
export type AdminError = Schemas['AdminError'];
export type ArcGISError = Schemas['ArcGISError'];
export type TokenResponse = Schemas['TokenResponse'];
export type Format = Schemas['Format'];

/** Every task type, in the order the spec lists them. */
export const TASK_TYPES = [
  'CleanGPJobs',
  'CreateBackup',
  'BackupRetentionCleaner',
  'CreateHealthCheckReports',
] as const satisfies readonly TaskType[];

/** The internal `type` constant each task type pins. */
export const TYPE_CONSTANT: { readonly [K in TaskType]: Extract<Task, { taskType: K }>['type'] } = {
  CleanGPJobs: 'GP_JOBS_CLEANER_TASK_TYPE',
  CreateBackup: 'CREATE_BACKUP_TASK_TYPE',
  BackupRetentionCleaner: 'BACKUP_RETENTION_TASK_TYPE',
  CreateHealthCheckReports: 'CREATE_HEALTH_CHECK_REPORTS_TASK_TYPE',
};

export const RUN_STATUSES = [
  'scheduled',
  'executing',
  'succeeded',
  'skipped',
  'failed',
  'submitfailed',
] as const satisfies readonly RunStatus[];
