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
  'not-in-template': 422,
  'internal-error': 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

