/** Configuration every function reads from its environment, checked once at cold start. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export const config = {
  get dataTable(): string {
    return required('DATA_TABLE');
  },
  get auditTable(): string {
    return required('AUDIT_TABLE');
  },
  get journeyStateMachineArn(): string {
    return required('JOURNEY_STATE_MACHINE_ARN');
  },
  get attendanceWatchStateMachineArn(): string {
    return required('ATTENDANCE_WATCH_STATE_MACHINE_ARN');
  },
  get safetyWatchStateMachineArn(): string {
    return required('SAFETY_WATCH_STATE_MACHINE_ARN');
  },
  get importStateMachineArn(): string {
    return required('IMPORT_STATE_MACHINE_ARN');
  },
  /** An import of more data lines than this answers 202 and goes on in the `import` workflow (api.md v2). */
  get importSyncMaxLines(): number {
    return Number(process.env['IMPORT_SYNC_MAX_LINES'] ?? 200);
  },
  get cprSecret(): string {
    return required('CPR_SECRET_ARN');
  },
  /** How long the audit keeps an entry, stack-wide (infra/constructs/workflows.ts). */
  get auditRetentionYears(): number {
    return Number(required('AUDIT_RETENTION_YEARS'));
  },
};
