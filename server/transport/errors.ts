// Turns any failure into an `error` frame. Domain errors keep their code; anything else is
// reported as `unavailable` (retryable: the client keeps the message and sends it again).
import { ERRORS, type ErrorCode } from '../../shared/protocol';
import { ChatError } from '../chat/errors';

export interface ErrorFrameExtra { clientId?: string; conversationId?: string }

export function errorFrame(err: unknown, extra: ErrorFrameExtra = {}): { type: 'error'; code: ErrorCode; message: string } & ErrorFrameExtra {
  if (err instanceof ChatError) return { type: 'error', code: err.code, message: err.message, ...extra };
  return { type: 'error', code: 'unavailable', message: ERRORS.unavailable.message, ...extra };
}

export const isDomainError = (err: unknown): err is ChatError => err instanceof ChatError;
