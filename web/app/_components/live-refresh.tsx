'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * Re-renders the server components every few seconds so statuses move on their own, and keeps going after
 * an API error so the page recovers once the API is back. Skips ticks while the tab is hidden to spare the API.
 */
export function LiveRefresh({ intervalMs = 5_000 }: { intervalMs?: number }) {
  const router = useRouter();
  const [visible, setVisible] = useState(true);

  useEffect(() => {
    const onVisibilityChange = () => {
      const nowVisible = document.visibilityState === 'visible';
      setVisible(nowVisible);
      if (nowVisible) router.refresh();
    };
    setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onVisibilityChange);
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, intervalMs);
    return () => {
      document.removeEventListener('visibilitychange', onVisibilityChange);
      window.clearInterval(timer);
    };
  }, [router, intervalMs]);

  return (
    <span
      className={`live${visible ? '' : ' live--paused'}`}
      title={visible ? `Refreshes every ${intervalMs / 1000} s` : 'Paused while this tab is in the background'}
      data-testid="live-indicator"
    >
      <span className="live__dot" aria-hidden="true" />
      {visible ? 'Live' : 'Paused'}
    </span>
  );
}
