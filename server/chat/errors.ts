import { ERRORS, type ErrorCode } from '../../shared/protocol';

/** A domain error with a code from the shared registry; the transport turns it into an `error` frame. */
export class ChatError extends Error {
  constructor(readonly code: ErrorCode, message?: string) {
    super(message ?? ERRORS[code].message);
  }
}
