import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from './auth/auth.decorators';
import { Readiness } from './observability/readiness';

/**
 * Public: probes carry no token.
 * GET /health: 200 when the database answers, 503 otherwise (its meaning since the start).
 * GET /health/live: the process answers (a liveness probe: restart it when this fails).
 * GET /health/ready: the process should get traffic (a readiness probe: the database answers,
 * the migrations are applied, it is not stopping, every registered check holds; observability/readiness.ts).
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: Readiness,
  ) {}

  @Get()
  async health(): Promise<{ status: string; database: string }> {
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return { status: 'ok', database: 'up' };
    } catch {
      throw new HttpException({ status: 'unavailable', database: 'down' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }

  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: string; checks: Record<string, boolean> }> {
    const { ready, checks } = await this.readiness.report();
    if (!ready) throw new HttpException({ status: 'unavailable', checks }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ok', checks };
  }
}
