import { AppError, ErrorCodes } from '../../../domain/errors';

export function tooLate(action: 'cancelled' | 'rescheduled', messageId: string, status: string): AppError {
  const why =
    status === 'sending'
      ? 'it is being sent right now'
      : status === 'cancelled'
        ? 'it was already cancelled'
        : `it is already ${status}`;
  return new AppError(ErrorCodes.TOO_LATE, `Message ${messageId} can no longer be ${action}: ${why}.`, {
    details: { messageId, status },
  });
}
