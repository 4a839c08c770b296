import type { HeraldApiError } from '../../lib/api';

function headline(error: HeraldApiError): string {
  if (error.code === 'UNREACHABLE') return 'Can’t reach the Herald API';
  if (error.status === 401 || error.status === 403) return 'The Herald API did not accept the API key';
  return 'The Herald API answered with an error';
}

function hint(error: HeraldApiError): string {
  if (error.code === 'UNREACHABLE') return 'Check that the API is running and that HERALD_API_URL points at it.';
  if (error.status === 401 || error.status === 403) return 'Check HERALD_API_KEY on the web server.';
  return 'If this keeps happening, the API logs have the details.';
}

/** Shown instead of the list when the API fails; the page still renders (HTTP 200) and keeps retrying. */
export function ApiErrorPanel({ error }: { error: HeraldApiError }) {
  return (
    <section className="api-error" role="alert" data-testid="api-error" data-error-code={error.code}>
      <div className="api-error__icon" aria-hidden="true">
        !
      </div>
      <div>
        <h2 className="api-error__title">{headline(error)}</h2>
        <p className="api-error__message">{error.message}</p>
        <p className="api-error__hint">
          {hint(error)} This page retries on its own every few seconds.
          <span className="api-error__code mono">
            {error.code}
            {error.status !== null && ` · HTTP ${error.status}`}
          </span>
        </p>
      </div>
    </section>
  );
}
