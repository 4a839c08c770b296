import { AlertCircleIcon } from 'lucide-react';
import { errorMessage } from '../lib/api-error';
import { Alert, AlertDescription } from './ui/alert';

/** What the server said about a submitted form, in a sentence, announced to screen readers. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert variant="destructive" data-testid="form-error">
      <AlertCircleIcon aria-hidden="true" />
      <AlertDescription>{errorMessage(error)}</AlertDescription>
    </Alert>
  );
}
