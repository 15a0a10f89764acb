import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dynamo } from '../../../functions/platform/clients.js';
import { transactWrite } from '../../../functions/store/queries.js';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

/** The client answers each send with the next of `answers` (an error is thrown). */
function clientAnswering(...answers: (Error | object)[]) {
  const send = vi.spyOn(dynamo, 'send').mockImplementation((async () => {
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return answer ?? {};
  }) as never);
  return send;
}

describe('transactWrite', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('sends a transaction cancelled for a conflict with another again, until it goes through', async () => {
    vi.useFakeTimers();
    const send = clientAnswering(cancelled('None', 'TransactionConflict'), cancelled('TransactionConflict'), {});
    const written = transactWrite({ TransactItems: [] });
    await vi.runAllTimersAsync();
    await expect(written).resolves.toBeUndefined();
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('gives a refused condition back at once: it is the caller’s answer, not a conflict', async () => {
    const send = clientAnswering(cancelled('ConditionalCheckFailed', 'None'));
    await expect(transactWrite({ TransactItems: [] })).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('gives up after six conflicts in a row', async () => {
    vi.useFakeTimers();
    const send = clientAnswering(...Array.from({ length: 7 }, () => cancelled('TransactionConflict')));
    const written = transactWrite({ TransactItems: [] });
    written.catch(() => undefined);
    await vi.runAllTimersAsync();
    await expect(written).rejects.toMatchObject({ CancellationReasons: [{ Code: 'TransactionConflict' }] });
    expect(send).toHaveBeenCalledTimes(6);
  });
});
