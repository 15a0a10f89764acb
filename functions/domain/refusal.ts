import type { ErrorCode } from '../contract/errors.js';

/**
 * The one shape in which a domain rule says no: the contract's error code, the rule's id (stable, for the
 * front end to word in Danish and for tests), and an English message that never echoes the request's input.
 * `refusalError` (platform/errors.ts) is the one adapter that turns it into the HTTP error.
 */
export interface Refusal {
  readonly ok: false;
  readonly code: Extract<ErrorCode, 'conflict' | 'rule-violated' | 'not-in-template' | 'forbidden' | 'not-found'>;
  readonly rule: string;
  readonly message: string;
}

export const refusal = (code: Refusal['code'], rule: string, message: string): Refusal => ({ ok: false, code, rule, message });

/** What a domain decision returns: what it decided, or why not. */
export type Decision<T extends object> = ({ ok: true } & T) | Refusal;
