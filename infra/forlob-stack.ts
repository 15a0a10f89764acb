import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { FunctionGroup } from '../functions/contract/routes.js';
import { AUDIT_TIME_INDEX } from '../functions/store/keys.js';
import { ForlobApi } from './constructs/api.js';
import { ForlobData } from './constructs/data.js';
import { ForlobFunction } from './constructs/forlob-function.js';
import { ForlobOperations } from './constructs/operations.js';
import { ForlobWeb } from './constructs/web.js';
import { ForlobWorkflows } from './constructs/workflows.js';

/**
 * How long the audit keeps an entry (stack-wide: the audit spans programmes). Longer than a programme's
 * longest retentionYears (10), and no entry naming a journey that still exists is ever deleted.
 */
export const AUDIT_RETENTION_YEARS = 12;

/** Forløb in one account and region: API, functions, journey data, audit and workflows. */
export class ForlobStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const data = new ForlobData(this, 'Data');
    const environment = {
      DATA_TABLE: data.table.tableName,
      AUDIT_TABLE: data.audit.tableName,
      CPR_SECRET_ARN: data.cprSecret.secretArn,
    };

    const journeyTasks = new ForlobFunction(this, 'JourneyTasks', {
      entry: 'functions/workflow/journey-tasks.ts',
      description: 'Tasks of the journey state machine: read stage, await step, timers and reminders',
      environment,
    });
    journeyTasks.writeData(data.table);
    const watchTasks = new ForlobFunction(this, 'WatchTasks', {
      entry: 'functions/workflow/watch-tasks.ts',
      description: 'Tasks of the attendance and safety watches: read, await a change, remind and escalate',
      environment,
    });
    watchTasks.writeData(data.table);
    const importTasks = new ForlobFunction(this, 'ImportTasks', {
      entry: 'functions/workflow/import-tasks.ts',
      description: 'Tasks of the import state machine: make a large import’s chunks within the StartExecution quota',
      environment,
    });
    importTasks.writeData(data.table);
    importTasks.appendAudit(data.audit);
    const retentionTasks = new ForlobFunction(this, 'RetentionTasks', {
      entry: 'functions/workflow/retention-tasks.ts',
      description: 'Tasks of the retention state machine: erase closed journeys, delete audit entries past retention',
      environment: { ...environment, AUDIT_RETENTION_YEARS: String(AUDIT_RETENTION_YEARS) },
      timeout: Duration.minutes(2),
    });
    retentionTasks.writeData(data.table);
    retentionTasks.expireAudit(data.audit, AUDIT_TIME_INDEX);
    data.cprSecret.grantRead(retentionTasks.fn);
    const workflows = new ForlobWorkflows(this, 'Workflows', { journeyTasks, watchTasks, importTasks, retentionTasks });
    workflows.grantJourneyControl(importTasks);
    watchTasks.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [workflows.watchArnByName('attendance'), workflows.watchArnByName('safety')] }),
    );
    watchTasks.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: ['*'] }));
    journeyTasks.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [workflows.journeyArnByName()] }),
    );
    journeyTasks.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: ['*'] }));

    const apiFunction = (group: FunctionGroup, description: string) =>
      new ForlobFunction(this, `${group[0]!.toUpperCase()}${group.slice(1)}Api`, { entry: `functions/api/${group}.ts`, description, environment });
    const functions: Record<FunctionGroup, ForlobFunction> = {
      documentation: apiFunction('documentation', 'Public routes: health and the OpenAPI document'),
      users: apiFunction('users', 'Users and the signed-in user'),
      programmes: apiFunction('programmes', 'Programmes, enrolment and the overview'),
      enrolments: apiFunction('enrolments', 'A citizen’s journey and its steps'),
      plans: apiFunction('plans', 'The preparatory form and the action plan, with their revisions'),
      meetings: apiFunction('meetings', 'Cross-disciplinary team meetings: agenda, invitation, recommendations'),
      offers: apiFunction('offers', 'The offers catalogue'),
      appointments: apiFunction('appointments', 'Appointments, attendance, sanction assessments and instruments'),
    };
    for (const group of ['users', 'programmes', 'enrolments', 'appointments'] as const) {
      const fn = functions[group];
      fn.writeData(data.table);
      fn.appendAudit(data.audit);
      data.cprSecret.grantRead(fn.fn);
      workflows.grantJourneyControl(fn);
      workflows.grantWatchControl(fn);
    }
    // Plans and meetings move journeys on (signal the waiting step) but never touch a CPR number.
    for (const group of ['plans', 'meetings'] as const) {
      functions[group].writeData(data.table);
      functions[group].appendAudit(data.audit);
      workflows.grantJourneyControl(functions[group]);
    }
    workflows.grantImportStart(functions.programmes);
    functions.offers.writeData(data.table);
    functions.offers.appendAudit(data.audit);
    data.cprSecret.grantRead(journeyTasks.fn);
    // Attendance and safety flags, and a tovholder leaving, notify at once, by e-mail too.
    for (const fn of [functions.appointments, functions.users]) fn.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: ['*'] }));

    const api = new ForlobApi(this, 'Api', { functions });
    // The admin's users are the user pool's users: created with an invitation, disabled when deactivated.
    functions.users.fn.addEnvironment('USER_POOL_ID', api.userPool.userPoolId);
    functions.users.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser'],
        resources: [api.userPool.userPoolArn],
      }),
    );
    new ForlobWeb(this, 'Web', { api });
    // Last: alarms on every function, state machine and dead-letter queue made above.
    new ForlobOperations(this, 'Operations').cover(this);
  }
}
