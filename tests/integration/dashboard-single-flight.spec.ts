import { Caller } from '@app/core';
import { DashboardService } from '../../apps/api/src/reviews/dashboard.service';
import { CountingLogger } from '../helpers/counting-logger';
import { Factory } from '../helpers/factories';
import { createTestApp, TestApp } from '../helpers/test-app';

describe('academyDashboard under many screens at once', () => {
  const logger = new CountingLogger();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sqlLogger: logger });
  });
  afterAll(() => t.close());

  const countQueries = () => logger.queries.filter((q) => q.includes('schools_without_treatments')).length;

  it('shares one computation between concurrent requests, and counts anew afterwards', async () => {
    const f = new Factory(t.dataSource);
    const w = await f.world();
    const service = t.app.get(DashboardService);
    const shared = (academyId: string) =>
      (service as unknown as { sharedCounts(id: string): Promise<{ schools: number }> }).sharedCounts(
        academyId,
      );
    const before = countQueries();

    const answers = await Promise.all(Array.from({ length: 5 }, () => shared(w.academy.id)));
    expect(countQueries() - before).toBe(1);
    expect(answers.map((a) => a.schools)).toEqual([2, 2, 2, 2, 2]);

    await f.school(w.academy);
    const dpd = new Caller(w.dpd.id, w.academy.id, [{ role: 'DPD', schoolId: null }]);
    const later = await service.academyDashboard(dpd, null);
    expect(later.counts.schools).toBe(3); // nothing cached once the computation ended
    expect(countQueries() - before).toBe(2);
  });
});
