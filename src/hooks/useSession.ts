import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { type ApiError, api, toApiError } from '../api/client';
import type { LoginResult } from '../core/auth/api';
import { type Actor, type Permission, type Target, can } from '../core/auth/permissions';
import type { Role } from '../core/auth/types';
import type { ApiState } from './useApi';

/**
 * Who the user is for the permission rules of core/auth/permissions.ts: their roles in the
 * estate they are acting in now. Null while nobody is logged in.
 */
export function actorOf(session: LoginResult | null): Actor | null {
  if (!session) return null;
  const estateId = session.user.currentEstateId;
  const roles = new Set<Role>(estateId ? session.roles.filter((r) => r.estateId === estateId).map((r) => r.role) : []);
  return { userId: session.user.id, estateId, roles };
}

/** The name of the estate the user is acting in, or null (none chosen, or not known yet). */
export function currentEstateName(session: LoginResult | null): string | null {
  const id = session?.user.currentEstateId;
  if (!session || !id) return null;
  return session.estates.find((e) => e.id === id)?.name ?? null;
}

/** The last login answer of any page, so that a page opened next starts from it. */
let lastSession: LoginResult | null = null;

export interface SessionState extends ApiState<LoginResult> {
  actor: Actor | null;
  /** Asks the permission rules; false while nobody is logged in. */
  can: (permission: Permission, target?: Target) => boolean;
  /** Takes a login-shaped answer (auth.switchEstate) as the new session. */
  apply: (next: LoginResult) => void;
  /** auth.switchEstate, then the new session; throws an ApiError as it is. */
  switchEstate: (estateId: string) => Promise<LoginResult>;
}

/**
 * The logged-in user (auth.login), logged in again each time the page is shown (roles and the
 * current estate may have changed meanwhile), and the Actor for `can(...)`.
 * Keeps the previous answer while reloading, so a page does not blank out.
 */
export function useSession(): SessionState {
  const [data, setData] = useState<LoginResult | null>(lastSession);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const apply = useCallback((next: LoginResult) => {
    seq.current++; // an older login still under way must not overwrite this
    lastSession = next;
    if (!mounted.current) return;
    setData(next);
    setError(null);
    setLoading(false);
  }, []);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const result = await api.auth.login({});
      if (mine !== seq.current) return;
      lastSession = result;
      if (mounted.current) setData(result);
    } catch (e) {
      if (mounted.current && mine === seq.current) setError(toApiError(e));
    } finally {
      if (mounted.current && mine === seq.current) setLoading(false);
    }
  }, []);

  const switchEstate = useCallback(
    async (estateId: string) => {
      const next = await api.auth.switchEstate({ estateId });
      apply(next);
      return next;
    },
    [apply],
  );

  useDidShow(() => void reload());

  const actor = useMemo(() => actorOf(data), [data]);
  const allowed = useCallback(
    (permission: Permission, target?: Target) => (actor ? can(actor, permission, target) : false),
    [actor],
  );

  return { data, error, loading, reload, actor, can: allowed, apply, switchEstate };
}
