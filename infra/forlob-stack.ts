import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { FunctionGroup } from '../functions/contract/routes.js';
import { ForlobApi } from './constructs/api.js';
import { ForlobData } from './constructs/data.js';
import { ForlobFunction, type ForlobFunctionProps, type FunctionNeeds } from './constructs/forlob-function.js';
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
    const fn = (id: string, props: Omit<ForlobFunctionProps, 'data'>) => new ForlobFunction(this, id, { ...props, data });

    // What each function declares it needs is all it is granted. The CPR secret only where a CPR is
    // encrypted, decrypted or hashed: enrolment and the lookup by CPR (programmes), and the erasure (retention).
    const journeyTasks = fn('JourneyTasks', {
      entry: 'functions/workflow/journey-tasks.ts',
      description: 'Tasks of the journey state machine: read stage, await step, timers and reminders',
      needs: { table: 'read-write', stateMachines: { journey: 'signal' }, mail: true },
    });
    const watchTasks = fn('WatchTasks', {
      entry: 'functions/workflow/watch-tasks.ts',
      description: 'Tasks of the attendance and safety watches: read, await a change, remind and escalate',
      needs: { table: 'read-write', stateMachines: { attendanceWatch: 'signal', safetyWatch: 'signal' }, mail: true },
    });
    const importTasks = fn('ImportTasks', {
      entry: 'functions/workflow/import-tasks.ts',
      description: 'Tasks of the import state machine: make a large import’s chunks within the StartExecution quota',
      // The chunks hold journeys already encrypted by the API: no CPR is read here.
      needs: { table: 'read-write', audit: 'append', stateMachines: { journey: 'control' } },
    });
    const retentionTasks = fn('RetentionTasks', {
      entry: 'functions/workflow/retention-tasks.ts',
      description: 'Tasks of the retention state machine: erase closed journeys, delete audit entries past retention',
      needs: { table: 'read-write', audit: 'expire', cprSecret: true },
      environment: { AUDIT_RETENTION_YEARS: String(AUDIT_RETENTION_YEARS) },
      timeout: Duration.minutes(2),
    });
    const exportTasks = fn('ExportTasks', {
      entry: 'functions/workflow/export-tasks.ts',
      description: 'Tasks of the export state machine: stream a pseudonymised panel or suppressed indicators to the exports bucket',
      // Pseudonyms from the CPR lookup hash under the export key: no CPR secret, nothing is decrypted.
      needs: { table: 'read-write', audit: 'append', exportFiles: 'write', exportKey: true },
      timeout: Duration.minutes(15),
      memorySize: 1024,
    });
    const digestTasks = fn('DigestTasks', {
      entry: 'functions/workflow/digest-tasks.ts',
      description: 'Tasks of the digest state machine: the day’s digest times, and each user’s worklist digest e-mail (counts and a link)',
      needs: { table: 'read-write', mail: true },
      timeout: Duration.minutes(5),
    });

    const moves = { table: 'read-write', audit: 'append' } as const;
    const journeys = { journey: 'control' } as const;
    const journeysAndWatches = { journey: 'control', attendanceWatch: 'control', safetyWatch: 'control' } as const;
    const apiFunction = (group: FunctionGroup, description: string, needs: FunctionNeeds) =>
      fn(`${group[0]!.toUpperCase()}${group.slice(1)}Api`, { entry: `functions/api/${group}.ts`, description, needs });
    // Attendance and safety flags, and a tovholder leaving, notify at once, by e-mail too.
    const functions: Record<FunctionGroup, ForlobFunction> = {
      documentation: apiFunction('documentation', 'Public routes: health and the OpenAPI document', {}),
      users: apiFunction('users', 'Users and the signed-in user', { ...moves, stateMachines: journeysAndWatches, mail: true, userAdmin: true }),
      programmes: apiFunction('programmes', 'Programmes, enrolment and the overview', {
        ...moves,
        cprSecret: true,
        stateMachines: { ...journeysAndWatches, import: 'start' },
      }),
      enrolments: apiFunction('enrolments', 'A citizen’s journey and its steps', { ...moves, stateMachines: journeysAndWatches }),
      plans: apiFunction('plans', 'The preparatory form and the action plan, with their revisions', { ...moves, stateMachines: journeys }),
      meetings: apiFunction('meetings', 'Cross-disciplinary team meetings: agenda, invitation, recommendations', { ...moves, stateMachines: journeys }),
      offers: apiFunction('offers', 'The offers catalogue', moves),
      internships: apiFunction('internships', 'Internships, weekly hours, learning certificates (PDF), contact person and ambassadors', { ...moves, stateMachines: journeys, mail: true }),
      coordination: apiFunction('coordination', 'Youth coordination: monthly lists, meetings, guardians, actors, reassignments', {
        ...moves,
        cprSecret: true,
        stateMachines: { ...journeysAndWatches, import: 'start' },
        mail: true,
      }),
      appointments: apiFunction('appointments', 'Appointments, attendance, sanction assessments and instruments', {
        ...moves,
        stateMachines: journeysAndWatches,
        mail: true,
      }),
      exports: apiFunction('exports', 'Evaluation exports, their schedule and the steering dashboard’s indicators', { ...moves, exportFiles: 'read', stateMachines: { export: 'start' } }),
    };
    // Reads an appointment to find its citizen; appends audit entries.
    const refusedRequests = fn('RefusedRequests', {
      entry: 'functions/api/refused-requests.ts',
      description: "Audits the API's 401s on routes that name a citizen, from the access log",
      needs: { table: 'read', audit: 'append' },
    });
    new ForlobWorkflows(this, 'Workflows', {
      journeyTasks,
      watchTasks,
      importTasks,
      retentionTasks,
      exportTasks,
      digestTasks,
      functions: [journeyTasks, watchTasks, importTasks, retentionTasks, exportTasks, digestTasks, refusedRequests, ...Object.values(functions)],
    });
    const api = new ForlobApi(this, 'Api', { functions, refusedRequests });
    new ForlobWeb(this, 'Web', { api });
    // Last: alarms on every function, state machine and dead-letter queue made above.
    new ForlobOperations(this, 'Operations').cover(this);
  }
}
