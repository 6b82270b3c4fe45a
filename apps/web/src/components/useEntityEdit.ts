import { useEffect, useRef, useState } from 'react';
import type { Failure } from '../api/errors';

/**
 * Only the fields whose value differs from the loaded one (compared as JSON: lists in order): an
 * update's patch, so that a save never rewrites what someone else changed elsewhere (the version
 * guards the rest) and the trail says exactly what changed.
 */
export function changedFields<T extends object>(next: T, before: T): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) patch[key] = next[key];
  }
  return patch;
}

/**
 * The state of an edit form over an entry read with a version (saved with it; a STALE_VERSION
 * CONFLICT offers to reload): the form takes the entry's values once, and again on `reload` — at
 * once when a newer version is already here (a background refresh), otherwise after refetching,
 * waiting for the newer version (the cache still holds the stale one). `saved` takes the mutation's
 * answer as the new starting point.
 */
export function useEntityEdit<E extends { version: number }, F>(
  entry: E | null | undefined,
  formOf: (entry: E) => F,
  refetch: () => void,
  initialNotice: string | null = null,
) {
  const [loaded, setLoaded] = useState<{ form: F; version: number } | null>(null);
  const [form, setForm] = useState<F | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const reloading = useRef(false);
  const take = (next: E) => {
    const values = formOf(next);
    setForm(values);
    setLoaded({ form: values, version: next.version });
  };
  useEffect(() => {
    if (!entry || (loaded && !reloading.current)) return;
    if (reloading.current && loaded && entry.version === loaded.version) return;
    reloading.current = false;
    take(entry);
  }, [entry, loaded]);
  return {
    loaded,
    form,
    setForm,
    failure,
    setFailure,
    notice,
    setNotice,
    saved(next: E, message: string) {
      take(next);
      setNotice(message);
    },
    reload() {
      setFailure(null);
      if (entry && loaded && entry.version !== loaded.version) {
        take(entry);
        return;
      }
      reloading.current = true;
      refetch();
    },
  };
}
