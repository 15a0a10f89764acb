import { errorStatus, type ErrorCode } from '../contract/errors.js';

export { errorStatus, type ErrorCode };

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
    /** The id of the domain rule that refused, for the front end to word in Danish. */
    readonly rule?: string,
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

/**
 * The one adapter from a domain refusal to the contract's error. A rule violation's message names its rule
 * (the contract says so); the rule's id also travels on its own, for the front end to word in Danish.
 */
export function refusalError(refusal: { code: ErrorCode; rule: string; message: string }): ApiError {
  const message = refusal.code === 'rule-violated' ? `${refusal.rule}: ${refusal.message}` : refusal.message;
  return new ApiError(refusal.code, message, [], refusal.rule);
}
