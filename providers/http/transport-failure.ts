import { ProviderError } from '../messaging-provider';
import type { TransportError } from './http-exchange';

/**
 * What a transport failure means for a call. A call that changes nothing at the provider (a read) is simply
 * tried again. For a send, everything turns on whether the request had left: if not, the provider never saw
 * it (transient); if so — a timeout, a dropped connection, an answer that could not be read — it may have
 * accepted the message (ambiguous: look it up before any resend).
 */
export function transportFailure(provider: string, error: TransportError, call: 'send' | 'read'): ProviderError {
  const kind = call === 'send' && error.requestSent ? 'ambiguous' : 'transient';
  const maybe = kind === 'ambiguous' ? ' The message may or may not have been accepted.' : '';
  switch (error.reason) {
    case 'connect':
      return new ProviderError(kind, error.code, `Could not reach ${provider} (${error.code}).${maybe}`);
    case 'timeout':
      return new ProviderError(kind, 'TIMEOUT', `${provider} did not answer in time.${maybe}`);
    case 'aborted':
      return new ProviderError(kind, 'ABORTED', `The call to ${provider} was cancelled.${maybe}`);
    case 'unreadable':
      return new ProviderError(kind, 'UNREADABLE_ANSWER', `${provider} answered HTTP ${error.status ?? '?'} with a body that could not be read.${maybe}`);
    case 'dropped':
      return new ProviderError(kind, error.code, `The connection to ${provider} broke after the request was sent (${error.message}).${maybe}`);
  }
}
