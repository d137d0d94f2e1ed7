import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, setUnauthenticatedHandler } from './api/client.ts';
import * as api from './api/endpoints.ts';
import type { Me } from './api/types.ts';

/** Who is logged in: read once from GET /api/me, changed by login and logout. */
export interface Session {
  me: Me | null;
  loading: boolean;
  /** Set when the server ended the session while the app was open. */
  expired: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    api.me()
      .then(setMe)
      .catch((err) => {
        if (!(err instanceof ApiError) || err.status !== 401) console.error(err);
      })
      .finally(() => setLoading(false));
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setMe((current) => {
        if (current) setExpired(true);
        return null;
      });
    });
    return () => setUnauthenticatedHandler(undefined);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const who = await api.login(username, password);
    setExpired(false);
    setMe(who);
    return who;
  }, []);
  const logout = useCallback(async () => {
    await api.logout().catch(() => {});
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, loading, expired, login, logout }), [me, loading, expired, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The logged-in user (for pages behind RequireLogin). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
