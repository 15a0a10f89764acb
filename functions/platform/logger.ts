import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger for every function. Never log request bodies, citizens' names, CPR numbers or scores:
 * log ids, route keys, codes and counts only.
 */
export const logger = new Logger({ serviceName: 'forlob' });

/** A child logger carrying the request's correlation id, so concurrent requests never share keys. */
export function requestLogger(correlationId: string): Logger {
  return logger.createChild({ persistentKeys: { correlationId } });
}
