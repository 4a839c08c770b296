'use client';

import { usePathname, useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { accountApi } from '../../lib/account-api';
import type { MeView as Me } from '../../../domain/schemas/accounts';
import { useApiQuery, type Query } from '../../lib/use-api';

const MeContext = createContext<(Query<Me> & { data: Me }) | null>(null);

/** The signed-in member of the signed-in layout (GET /api/me), for every screen under it. */
export function useMe(): Query<Me> & { data: Me } {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside the signed-in layout');
  return me;
}

/**
 * Loads GET /api/me once for the signed-in area. A 401 means no session: go to /sign-in and come back here
 * afterwards. While loading, and on any other error, `fallback` renders the matching state.
 */
export function MeProvider({ children, fallback }: { children: ReactNode; fallback: (state: Query<Me>) => ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const me = useApiQuery('me', (signal) => accountApi.me(signal));
  const signedOut = me.error?.status === 401;

  useEffect(() => {
    if (signedOut) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [signedOut, router, pathname]);

  if (!me.data) return fallback(me);
  return <MeContext.Provider value={{ ...me, data: me.data }}>{children}</MeContext.Provider>;
}
