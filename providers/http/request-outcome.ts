import { ProviderError } from '../messaging-provider';

/**
 * Turns a failed fetch into what it means for a send. A refused connection never reached the provider
 * (safe to retry); a timeout or a connection dropped mid-request may have (ambiguous).
 */
export function networkFailure(provider: string, error: unknown, timedOut: boolean): ProviderError {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code ?? '';
  if (timedOut || (error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError') {
    return new ProviderError('ambiguous', 'TIMEOUT', `${provider} did not answer in time; the message may or may not have been accepted.`);
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) {
    return new ProviderError('transient', code, `Could not connect to ${provider} (${code}).`);
  }
  return new ProviderError(
    'ambiguous',
    code || 'NETWORK',
    `The connection to ${provider} broke after the request was sent (${cause?.message ?? (error as Error)?.message ?? 'unknown'}); the message may or may not have been accepted.`,
  );
}

/** fetch with a deadline that reports whether it was the deadline that ended it. */
export async function fetchWithTimeout(url: string, init: RequestInit, timeoutMs: number): Promise<{ response: Response } | { error: unknown; timedOut: boolean }> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { response };
  } catch (error) {
    return { error, timedOut };
  } finally {
    clearTimeout(timer);
  }
}
