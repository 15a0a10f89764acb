import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';

/**
 * Sign-in identities follow the users the admin manages. In the cloud that is the Cognito user pool named by
 * USER_POOL_ID: a new user gets an invitation e-mail from Cognito, a deactivated one can no longer sign in.
 * The local runtime leaves USER_POOL_ID empty; its token issuer (POST /local/token) asks the users table.
 */
const userPoolId = () => process.env['USER_POOL_ID'] ?? '';
let client: CognitoIdentityProviderClient | undefined;
const cognito = () => (client ??= new CognitoIdentityProviderClient({}));

export async function createIdentity(user: { username: string; email: string }): Promise<void> {
  if (!userPoolId()) return;
  try {
    await cognito().send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId(),
        Username: user.username,
        UserAttributes: [
          { Name: 'email', Value: user.email },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
  } catch (error) {
    // Created before (a retried request): the identity is there, which is what was asked.
    if (!(error instanceof UsernameExistsException)) throw error;
  }
}

export async function setIdentityEnabled(username: string, enabled: boolean): Promise<void> {
  if (!userPoolId()) return;
  const input = { UserPoolId: userPoolId(), Username: username };
  await cognito().send(enabled ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input));
}
