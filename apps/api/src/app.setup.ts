import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppConfig } from '../../../libs/core/src';

/** HTTP-level settings shared by main.ts and the tests. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: '1mb' });
  express.set('trust proxy', 'loopback');
  express.use(
    helmet({
      // GraphiQL (development only) runs inline scripts from this origin
      contentSecurityPolicy: config.introspection ? false : undefined,
    }),
  );
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  express.enableCors({ origin: origins.length ? origins : false, credentials: false });
}
