import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Local stand-in for Cognito: HS256 tokens with the claim names of a Cognito access token (`sub`,
 * `username`, `token_use`, `client_id`, `iss`, `exp`), so the handlers read one kind of claims everywhere.
 * Expiry uses real time.
 */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class LocalTokenIssuer {
  constructor(
    private readonly secret: string,
    private readonly issuer: string,
  ) {}

  issue(username: string, lifetimeSeconds = 8 * 3600): string {
    const iat = Math.floor(Date.now() / 1000);
    const claims = {
      sub: createHmac('sha256', this.secret).update(username).digest('hex').slice(0, 32),
      username,
      token_use: 'access',
      client_id: 'local',
      scope: 'aws.cognito.signin.user.admin',
      iss: this.issuer,
      auth_time: iat,
      iat,
      exp: iat + lifetimeSeconds,
      jti: randomUUID(),
    };
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    return `${unsigned}.${this.sign(unsigned)}`;
  }

  /** The claims of a valid, unexpired token; undefined otherwise (as API Gateway's JWT authorizer decides). */
  verify(token: string): Record<string, unknown> | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return undefined;
      if (claims.iss !== this.issuer) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.secret).update(unsigned).digest('base64url');
  }
}
