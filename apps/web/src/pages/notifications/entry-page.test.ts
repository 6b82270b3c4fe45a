import { describe, expect, it } from 'vitest';
import { entryAddress } from '@app/rules/entry-links';
import type { SessionUser } from '../../session/session';
import { entryPage, entryPageOfAddress } from './entry-page';

const user = (grants: { role: SessionUser['grants'][number]['role']; school?: string }[]): SessionUser => ({
  id: 'u',
  displayName: 'U',
  email: 'u@ac-test.fr',
  grants: grants.map((g) => ({ role: g.role, school: g.school ? { id: g.school, name: g.school } : null })),
});

describe('entryPage: one link, each reader its own page', () => {
  it('sends a head to the head’s page and the DPD to the DPD’s, for the same address', () => {
    const address = entryAddress('Violation', 'v1') as string;
    expect(address).toBe('/fiche/violation/v1');
    const [, , kind, id] = address.split('/');
    expect(entryPageOfAddress(user([{ role: 'HEAD', school: 's1' }]), kind, id)).toBe('/violations/v1');
    expect(entryPageOfAddress(user([{ role: 'DPD' }]), kind, id)).toBe('/dpd/violations/v1');
    expect(entryPageOfAddress(user([{ role: 'TEACHER', school: 's1' }]), kind, id)).toBeNull();
  });

  it('sends a declaration’s author to the teacher’s page unless it heads that school', () => {
    const teacherAndHeadElsewhere = user([
      { role: 'TEACHER', school: 's1' },
      { role: 'HEAD', school: 's2' },
    ]);
    expect(entryPage(teacherAndHeadElsewhere, 'ToolDeclaration', 'd1', 's1')).toBe('/declarations/d1');
    expect(entryPage(teacherAndHeadElsewhere, 'ToolDeclaration', 'd1', 's2')).toBe('/decisions/d1');
    expect(entryPage(user([{ role: 'DPD' }]), 'Treatment', 't1', 's1')).toBe('/dpd/traitements/t1');
  });

  it('has no page for an entity without one, or an unknown kind', () => {
    expect(entryPage(user([{ role: 'ADMIN' }]), 'User', 'x')).toBeNull();
    expect(entryPage(user([{ role: 'DPD' }]), 'CatalogTool', 'x')).toBeNull();
    expect(entryPageOfAddress(user([{ role: 'DPD' }]), 'inconnu', 'x')).toBeNull();
  });
});
