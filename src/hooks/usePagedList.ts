import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../api/client';

/** One page of a cursor-paged list, as the API answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedListState<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | null;
  /** True once the first page has come. */
  loaded: boolean;
}

export interface PagedList<T> extends PagedListState<T> {
  /** Fetches the first page again; the answer of an older call that comes late is dropped. */
  reload: () => Promise<void>;
  /** Fetches the next page and appends it (加载更多); nothing when there is none. */
  loadMore: () => Promise<void>;
}

export interface UsePagedListOptions {
  /** False: nothing is fetched and the list stays empty (e.g. no estate chosen yet). Default true. */
  enabled?: boolean;
  /** reload() empties the list at once instead of keeping it until the first page comes. Default false. */
  clearOnReload?: boolean;
}

const EMPTY: PagedListState<never> = { items: [], nextCursor: null, loading: false, error: null, loaded: false };

/**
 * A cursor-paged list: the first page on mount and whenever deps change (the list starts empty
 * again then), further pages appended by loadMore().
 */
export function usePagedList<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  deps: readonly unknown[] = [],
  options: UsePagedListOptions = {},
): PagedList<T> {
  const { enabled = true, clearOnReload = false } = options;
  const [state, setState] = useState<PagedListState<T>>(() => ({ ...EMPTY, loading: enabled }));
  const seq = useRef(0);
  const latest = useRef({ fetchPage, enabled, clearOnReload });
  latest.current = { fetchPage, enabled, clearOnReload };

  const load = useCallback(async (cursor: string | null) => {
    if (!latest.current.enabled) return;
    const mine = ++seq.current;
    const clear = !cursor && latest.current.clearOnReload;
    setState((s) => ({ ...(clear ? EMPTY : s), loading: true, error: null }));
    try {
      const page = await latest.current.fetchPage(cursor);
      if (mine !== seq.current) return;
      setState((s) => ({
        items: cursor ? [...s.items, ...page.items] : page.items,
        nextCursor: page.nextCursor,
        loading: false,
        error: null,
        loaded: true,
      }));
    } catch (e) {
      if (mine !== seq.current) return;
      setState((s) => ({ ...s, loading: false, error: toApiError(e) }));
    }
  }, []);

  useEffect(() => {
    seq.current++;
    setState(EMPTY);
    if (enabled) void load(null);
    return () => {
      seq.current++; // an answer that comes after this (or after unmounting) is dropped
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, load, ...deps]);

  const reload = useCallback(() => load(null), [load]);
  const { nextCursor } = state;
  const loadMore = useCallback(() => (nextCursor ? load(nextCursor) : Promise.resolve()), [load, nextCursor]);

  return { ...state, reload, loadMore };
}
