import { useCallback, useState } from 'react';
import { errorMessage } from '../i18n';

/** Runs one user action at a time, keeps its error (and its message), and ignores double clicks while busy. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const run = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
      if (busy) return undefined;
      setBusy(true);
      setError(null);
      setFailure(null);
      try {
        return await action();
      } catch (e) {
        setError(errorMessage(e));
        setFailure(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [busy],
  );
  return { busy, error, failure, setError, run };
}
