import { describe, expect, it } from 'vitest';
import { uaiFor } from '@app/rules/uai';
import { addGrant, grantInputs } from '../admin/grants';
import { uaiState } from '../admin/uai-check';
import { runningRequests } from '../head/to-do';
import { EMPTY_REQUEST, rightsRequestPatch, transitionsFor } from '../rights/rights';
import { entityPath, sinceFilter } from './audit-trail';

describe('the audit trail page', () => {
  it('links the entries the DPD has a page for, and only those', () => {
    expect(entityPath('Treatment', 'abc')).toBe('/dpd/traitements/abc');
    expect(entityPath('RightsRequest', 'abc')).toBe('/dpd/demandes/abc');
    expect(entityPath('User', 'abc')).toBeNull();
  });
  it('reads "since" as the day’s start in Paris, winter and summer', () => {
    expect(sinceFilter('2026-12-03')).toBe('2026-12-02T23:00:00.000Z');
    expect(sinceFilter('2026-07-14')).toBe('2026-07-13T22:00:00.000Z');
    expect(sinceFilter('')).toBeUndefined();
    expect(sinceFilter('hier')).toBeUndefined();
  });
});

describe('the UAI as typed', () => {
  it('says nothing while short, then valid or the API’s message', () => {
    const good = uaiFor(310024);
    expect(good).toBe('0310024H');
    expect(uaiState('031002')).toEqual({});
    expect(uaiState(good)).toEqual({ state: 'success', stateRelatedMessage: 'UAI valide.' });
    expect(uaiState('0310024A').state).toBe('error');
    expect(uaiState('0310024A').stateRelatedMessage).toMatch(/^UAI invalide/);
  });
});

describe('grants', () => {
  it('adds a grant once, drops the school of an académie-wide role, and sends the API’s shape', () => {
    let grants = addGrant([], { role: 'HEAD', schoolId: 's1', schoolName: 'Collège' });
    grants = addGrant(grants, { role: 'HEAD', schoolId: 's1' });
    grants = addGrant(grants, { role: 'DPD', schoolId: 's1' });
    expect(grantInputs(grants)).toEqual([{ role: 'HEAD', schoolId: 's1' }, { role: 'DPD' }]);
  });
});

describe('rights requests', () => {
  it('offers the moves the rules allow from each status', () => {
    expect(transitionsFor('RECEIVED', false)).toEqual([
      'START',
      'AWAIT_REQUESTER',
      'EXTEND',
      'ANSWER',
      'REFUSE',
    ]);
    expect(transitionsFor('IN_PROGRESS', false)).toEqual(['AWAIT_REQUESTER', 'EXTEND', 'ANSWER', 'REFUSE']);
    expect(transitionsFor('AWAITING_REQUESTER', true)).toEqual(['START', 'ANSWER', 'REFUSE']);
    expect(transitionsFor('ANSWERED', false)).toEqual([]);
    expect(transitionsFor('REFUSED', false)).toEqual([]);
  });
  it('sends only what changed, the rights in any order being the same', () => {
    const loaded = { ...EMPTY_REQUEST, rightTypes: ['ACCESS', 'ERASURE'] as const, requesterName: 'A' };
    const same = { ...loaded, rightTypes: ['ERASURE', 'ACCESS'] as const };
    expect(
      rightsRequestPatch(
        { ...same, rightTypes: [...same.rightTypes] },
        { ...loaded, rightTypes: [...loaded.rightTypes] },
      ),
    ).toEqual({});
    expect(
      rightsRequestPatch(
        { ...loaded, rightTypes: ['ACCESS'], requesterName: 'B', subjectName: '  ' },
        { ...loaded, rightTypes: [...loaded.rightTypes], subjectName: 'Léa' },
      ),
    ).toEqual({ rightTypes: ['ACCESS'], requesterName: 'B', subjectName: null });
  });
  it('"À traiter": running requests only, nearest due first, paused ones last', () => {
    const r = (id: string, status: string, dueAt: string) => ({ id, status, dueAt });
    const sorted = runningRequests([
      r('late', 'IN_PROGRESS', '2026-03-01T00:00:00Z'),
      r('done', 'ANSWERED', '2026-01-01T00:00:00Z'),
      r('paused', 'AWAITING_REQUESTER', '2026-02-01T00:00:00Z'),
      r('first', 'RECEIVED', '2026-02-15T00:00:00Z'),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(['first', 'late', 'paused']);
  });
});
