import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../api/client';

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  /** True until the first answer, and while any call is under way. */
  loading: boolean;
  /** Calls again; the answer of an older call that comes late is dropped. */
  reload: () => Promise<void>;
}

export interface UseApiOptions {
  /** Call on mount and whenever deps change (default true). False: only through reload(). */
  auto?: boolean;
}

/**
 * Fetches through the API client. Keeps the previous data while reloading, so a page does not
 * blank out when it is shown again.
 */
export function useApi<T>(fetcher: () => Promise<T>, deps: readonly unknown[] = [], options: UseApiOptions = {}): ApiState<T> {
  const { auto = true } = options;
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const mounted = useRef(true);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const result = await fetcherRef.current();
      if (!mounted.current || mine !== seq.current) return;
      setData(result);
    } catch (e) {
      if (!mounted.current || mine !== seq.current) return;
      setError(toApiError(e));
    } finally {
      if (mounted.current && mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (auto) void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auto, reload, ...deps]);

  return { data, error, loading, reload };
}
