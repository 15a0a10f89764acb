/** The error codes of the contract, each with its HTTP status. */
export const errorStatus = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'rule-violated': 422,
  'template-not-available': 422,
  'internal-error': 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error meant for the client: its message is safe to show and never carries personal data. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what = 'resource'): ApiError => new ApiError('not-found', `${what} not found`);
export const forbidden = (why: string): ApiError => new ApiError('forbidden', why);
export const conflict = (why: string): ApiError => new ApiError('conflict', why);
export const ruleViolated = (rule: string, why: string): ApiError =>
  new ApiError('rule-violated', `${rule}: ${why}`);
