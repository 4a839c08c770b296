import { AlertTriangleIcon, RefreshCwIcon } from 'lucide-react';
import { errorMessage } from '../lib/api-error';
import { Alert, AlertDescription, AlertTitle } from './ui/alert';
import { Button } from './ui/button';

/** An error in place of content: a sentence (never raw JSON or a stack) and a way to try again. */
export function ErrorState({ title = 'Could not load this', error, onRetry }: { title?: string; error: unknown; onRetry?: () => void }) {
  return (
    <Alert variant="destructive" data-testid="error-state">
      <AlertTriangleIcon aria-hidden="true" />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>{errorMessage(error)}</p>
        {onRetry && (
          <Button variant="outline" size="sm" className="mt-2 text-foreground" onClick={onRetry}>
            <RefreshCwIcon aria-hidden="true" />
            Try again
          </Button>
        )}
      </AlertDescription>
    </Alert>
  );
}

/** Nothing to show yet, said plainly, with what to do next. */
export function EmptyState({ icon: Icon, title, children, action }: { icon: React.ComponentType<{ className?: string }>; title: string; children?: React.ReactNode; action?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center" data-testid="empty-state">
      <span className="flex size-11 items-center justify-center rounded-full bg-muted" aria-hidden="true">
        <Icon className="size-5 text-muted-foreground" />
      </span>
      <div className="grid gap-1">
        <h3 className="font-medium">{title}</h3>
        {children && <div className="max-w-sm text-sm text-muted-foreground">{children}</div>}
      </div>
      {action}
    </div>
  );
}
