import { useCallback, useState } from "react";

/**
 * Open/closed plus the record shown. Closing keeps the record, so the drawer's title and
 * form do not switch to "new" during the closing animation.
 */
export function useDrawerState<T>() {
  const [state, setState] = useState<{ open: boolean; record: T | null }>({ open: false, record: null });
  const openWith = useCallback((record: T | null) => setState({ open: true, record }), []);
  const close = useCallback(() => setState((previous) => ({ ...previous, open: false })), []);
  return { open: state.open, record: state.record, openWith, close };
}
