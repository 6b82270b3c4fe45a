import { Controller, Get, Header, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { addressAllowed, Metrics } from './metrics';

/**
 * GET /metrics, the Prometheus text format, for the addresses METRICS_ALLOW names only: the
 * connection's own address decides (req.socket), never X-Forwarded-For, whatever TRUST_PROXY
 * says. Another address gets 403; METRICS=false, 404. Behind a reverse proxy on the same machine,
 * have the proxy refuse /metrics from outside (docs/operations.md).
 */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.metrics.config.METRICS) throw new NotFoundException();
    if (!addressAllowed(this.metrics.allowed, req.socket.remoteAddress)) {
      res.status(403).type('text/plain').send('Forbidden\n');
      return;
    }
    res.type(this.metrics.registry.contentType).send(await this.metrics.text());
  }
}
