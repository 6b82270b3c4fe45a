import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { changedFields, useEntityEdit } from './useEntityEdit';

interface Entry {
  version: number;
  name: string;
}
const formOf = (e: Entry) => ({ name: e.name });

function setUp(first: Entry | undefined, notice: string | null = null) {
  const refetch = vi.fn();
  const hook = renderHook(({ entry }) => useEntityEdit(entry, formOf, refetch, notice), {
    initialProps: { entry: first },
  });
  return { refetch, hook };
}

describe('changedFields', () => {
  it('keeps only the fields whose value differs, lists compared in order', () => {
    const before = { name: 'Cantine', purposes: ['Inscriptions', 'Factures'], months: 12 as number | null };
    expect(changedFields(before, before)).toEqual({});
    expect(
      changedFields({ ...before, purposes: ['Factures', 'Inscriptions'], months: null }, before),
    ).toEqual({
      purposes: ['Factures', 'Inscriptions'],
      months: null,
    });
  });
});

describe('useEntityEdit', () => {
  it('takes the entry’s values once, with its version, and keeps what is typed over a refresh', () => {
    const { hook } = setUp(undefined, 'Outil ajouté.');
    expect(hook.result.current.loaded).toBeNull();
    expect(hook.result.current.notice).toBe('Outil ajouté.');
    hook.rerender({ entry: { version: 3, name: 'Padlet' } });
    expect(hook.result.current.loaded).toEqual({ form: { name: 'Padlet' }, version: 3 });
    act(() => hook.result.current.setForm({ name: 'Padlet (murs)' }));
    hook.rerender({ entry: { version: 4, name: 'Padlet, modifié ailleurs' } });
    expect(hook.result.current.form).toEqual({ name: 'Padlet (murs)' });
    expect(hook.result.current.loaded?.version).toBe(3);
  });

  it('after a conflict, reloads and waits for the newer version (the cache still holds the stale one)', () => {
    const { hook, refetch } = setUp({ version: 3, name: 'Padlet' });
    act(() =>
      hook.result.current.setFailure({ kind: 'conflict', message: 'Modifié entre-temps.', stale: true }),
    );
    act(() => hook.result.current.reload());
    expect(refetch).toHaveBeenCalledTimes(1);
    expect(hook.result.current.failure).toBeNull();
    hook.rerender({ entry: { version: 3, name: 'Padlet' } });
    expect(hook.result.current.loaded?.version).toBe(3);
    hook.rerender({ entry: { version: 4, name: 'Padlet (murs)' } });
    expect(hook.result.current.loaded).toEqual({ form: { name: 'Padlet (murs)' }, version: 4 });
    expect(hook.result.current.form).toEqual({ name: 'Padlet (murs)' });
  });

  it('takes a newer version already here at once, without refetching', () => {
    const { hook, refetch } = setUp({ version: 3, name: 'Padlet' });
    hook.rerender({ entry: { version: 4, name: 'Padlet (murs)' } });
    act(() => hook.result.current.reload());
    expect(refetch).not.toHaveBeenCalled();
    expect(hook.result.current.loaded).toEqual({ form: { name: 'Padlet (murs)' }, version: 4 });
  });

  it('starts again from the saved answer, with its notice', () => {
    const { hook } = setUp({ version: 3, name: 'Padlet' });
    act(() => hook.result.current.saved({ version: 4, name: 'Padlet (murs)' }, 'Fiche enregistrée.'));
    expect(hook.result.current.loaded).toEqual({ form: { name: 'Padlet (murs)' }, version: 4 });
    expect(hook.result.current.notice).toBe('Fiche enregistrée.');
  });
});
