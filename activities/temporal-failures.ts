import { ApplicationFailure } from '@temporalio/activity';
import { isAppError, isPermanentErrorCode } from '../domain/errors';
import { redactPersonalData } from '../domain/redact';

/**
 * The one place an error thrown inside an activity becomes a Temporal failure. An AppError keeps its code as
 * the failure type (so workflows and retry policies match on it) and is non-retryable when its code is
 * permanent; without this, Temporal wraps it as a generic retryable "AppError" and retries it for ever. Its
 * message goes into the run's history, so personal data is taken out of it.
 */
export function toTemporalFailure(error: unknown): unknown {
  if (error instanceof ApplicationFailure || !isAppError(error)) return error;
  return ApplicationFailure.create({
    type: error.code,
    message: redactPersonalData(error.message),
    nonRetryable: isPermanentErrorCode(error.code),
    ...(error.details ? { details: [error.details] } : {}),
    cause: error,
  });
}

type AnyActivity = (...args: never[]) => Promise<unknown>;

/** Wraps every activity of a set so its errors pass through toTemporalFailure. */
export function withTemporalFailures<T extends Record<string, AnyActivity>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      // A named function: Temporal registers activities by their key, but stack traces read better.
      {
        async [name](...args: never[]) {
          try {
            return await fn(...args);
          } catch (error) {
            throw toTemporalFailure(error);
          }
        },
      }[name],
    ]),
  ) as T;
}
