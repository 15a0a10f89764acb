import { createServer, type Server } from 'node:http';
import { LocalStepFunctions, StepFunctionsError } from './step-functions.js';

/**
 * The AWS JSON 1.0 protocol of Step Functions for the calls the handlers make, served on loopback so the
 * handlers' own SFNClient (pointed here by AWS_ENDPOINT_URL_SFN) talks real HTTP to the local runner.
 */
export function startStepFunctionsEndpoint(sfn: LocalStepFunctions, port: number): Promise<Server> {
  const operations: Record<string, (body: any) => unknown> = {
    StartExecution: (b) => {
      const out = sfn.startExecution(b.stateMachineArn, b.name, b.input ? JSON.parse(b.input) : {});
      return { executionArn: out.executionArn, startDate: Date.parse(out.startDate) / 1000 };
    },
    SendTaskSuccess: (b) => (sfn.sendTaskSuccess(b.taskToken, b.output ? JSON.parse(b.output) : {}), {}),
    SendTaskFailure: (b) => (sfn.sendTaskFailure(b.taskToken, b.error, b.cause), {}),
    SendTaskHeartbeat: () => ({}),
    DescribeExecution: (b) => {
      const e = sfn.describeExecution(b.executionArn);
      if (!e) throw new StepFunctionsError('ExecutionDoesNotExist', 'execution does not exist');
      return {
        executionArn: e.arn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: Date.parse(e.startDate) / 1000,
        input: JSON.stringify(e.input),
        ...(e.output !== undefined ? { output: JSON.stringify(e.output) } : {}),
      };
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '').replace('AWSStepFunctions.', '');
      const reply = (status: number, body: unknown, errorType?: string) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
        res.end(JSON.stringify(body));
      };
      const operation = operations[target];
      if (!operation) return reply(400, { __type: 'UnknownOperationException', message: `not supported locally: ${target}` }, 'UnknownOperationException');
      try {
        reply(200, operation(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
      } catch (error) {
        const name = error instanceof StepFunctionsError ? error.name : 'InternalFailure';
        reply(error instanceof StepFunctionsError ? 400 : 500, { __type: name, message: (error as Error).message }, name);
      }
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
