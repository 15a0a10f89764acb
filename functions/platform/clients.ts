import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';

/*
 * SDK clients are created once per container. Endpoints come from the SDK's own AWS_ENDPOINT_URL_<SERVICE>
 * variables, which the local runtime sets to DynamoDB Local; the local runner answers the Step Functions
 * client in-process (local/sfn-endpoint.ts). The handler code has a single path.
 * Marked pure so a bundle whose handler never uses a client leaves its SDK package out (bench/bundles.ts).
 */
export const dynamo = /* @__PURE__ */ DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

export const stepFunctions = /* @__PURE__ */ new SFNClient({});
