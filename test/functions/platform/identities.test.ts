import { AdminCreateUserCommand, AdminDisableUserCommand, CognitoIdentityProviderClient, UsernameExistsException } from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdentity, setIdentityEnabled } from '../../../functions/platform/identities.js';

/** The admin's users become the user pool's users in the cloud; without a pool (locally) nothing is called. */
const send = vi.spyOn(CognitoIdentityProviderClient.prototype, 'send');
afterEach(() => {
  send.mockReset();
  delete process.env['USER_POOL_ID'];
});

describe('sign-in identities', () => {
  it('calls no Cognito when there is no user pool (the local runtime)', async () => {
    await createIdentity({ username: 'tove', email: 'tove@example.org' });
    await setIdentityEnabled('tove', false);
    expect(send).not.toHaveBeenCalled();
  });

  it('invites a new user by e-mail to the pool, and treats an existing one as done', async () => {
    process.env['USER_POOL_ID'] = 'eu-north-1_pool';
    send.mockResolvedValueOnce({} as never);
    await createIdentity({ username: 'tove', email: 'tove@example.org' });
    const command = send.mock.calls[0]![0] as AdminCreateUserCommand;
    expect(command).toBeInstanceOf(AdminCreateUserCommand);
    expect(command.input).toMatchObject({ UserPoolId: 'eu-north-1_pool', Username: 'tove', DesiredDeliveryMediums: ['EMAIL'] });
    expect(command.input.UserAttributes).toContainEqual({ Name: 'email', Value: 'tove@example.org' });

    send.mockRejectedValueOnce(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    await expect(createIdentity({ username: 'tove', email: 'tove@example.org' })).resolves.toBeUndefined();
  });

  it('disables a deactivated user', async () => {
    process.env['USER_POOL_ID'] = 'eu-north-1_pool';
    send.mockResolvedValueOnce({} as never);
    await setIdentityEnabled('tove', false);
    const command = send.mock.calls[0]![0] as AdminDisableUserCommand;
    expect(command).toBeInstanceOf(AdminDisableUserCommand);
    expect(command.input).toEqual({ UserPoolId: 'eu-north-1_pool', Username: 'tove' });
  });
});
