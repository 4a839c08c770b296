import type { MessageStatus } from '../../lib/api';
import { statusLabel } from '../../lib/statuses';

export function StatusPill({ status }: { status: MessageStatus }) {
  return (
    <span className={`pill pill--${status}`}>
      <span className="pill__dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  );
}
