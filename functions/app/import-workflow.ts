import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '../platform/clients.js';
import { config } from '../platform/env.js';

/** The `import` state machine's input: the import is read from the store, so a resumed execution goes on. */
export interface ImportInput {
  importId: string;
}

/** Starts the workflow of a stored import; idempotent by its name. */
export async function startImport(importId: string): Promise<void> {
  const input: ImportInput = { importId };
  try {
    await stepFunctions.send(new StartExecutionCommand({ stateMachineArn: config.importStateMachineArn, name: `import-${importId}`, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}
