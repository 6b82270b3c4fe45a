import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { Readiness } from './readiness';

/** Metrics and readiness, injectable everywhere (the outbox registers its gauges and its check). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, Readiness],
  exports: [Metrics, Readiness],
})
export class ObservabilityModule {}
