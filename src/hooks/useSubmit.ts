import { useCallback, useState } from 'react';
import { type ApiError, toApiError } from '../api/client';

export interface RunOptions {
  /** On success busy stays true (what was acted on is about to go away); on error it is cleared. */
  keepBusy?: boolean;
}

export interface SubmitState {
  /** True while run() is under way. */
  busy: boolean;
  /** The error of the last run(), kept on the page until the next one (or setError). */
  error: ApiError | null;
  /** For checks made before sending (new ApiError('INVALID_INPUT', ...)) and for clearing. */
  setError: (error: ApiError | null) => void;
  /**
   * Sets busy and clears the error, then calls action: its result, or undefined when it threw
   * (the error is then kept in `error`, as an ApiError).
   */
  run: <R>(action: () => Promise<R>, options?: RunOptions) => Promise<R | undefined>;
}

/** A form's submit: a busy flag, and an error kept on the page. */
export function useSubmit(): SubmitState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(async <R,>(action: () => Promise<R>, options: RunOptions = {}): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      if (!options.keepBusy) setBusy(false);
      return result;
    } catch (e) {
      setError(toApiError(e));
      setBusy(false);
      return undefined;
    }
  }, []);

  return { busy, error, setError, run };
}
