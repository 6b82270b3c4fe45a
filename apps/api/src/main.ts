import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ConfigError, loadEnvironment, toAppConfig } from '../../../libs/core/src';
import { runMigrations, startEmbeddedPostgres } from '../../../libs/database/src';
import { migrations } from '../../../migrations';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { entities } from './entities';

const logger = new Logger('Registre RGPD');

/** JWT_SECRET when set; otherwise one generated at first start and kept in DATA_DIR. */
async function jwtSecret(dataDir: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}

async function bootstrap(): Promise<void> {
  const env = loadEnvironment();
  const dataDir = resolve(env.DATA_DIR);
  let databaseUrl = env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    logger.log(`DATABASE_URL is unset: starting the embedded PostgreSQL (data in ${join(dataDir, 'pg')})`);
    const embedded = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'pg'),
      port: env.EMBEDDED_PG_PORT,
      database: 'registre',
    });
    databaseUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const config = toAppConfig(env, await jwtSecret(dataDir, env.JWT_SECRET));
  await runMigrations({ url: databaseUrl, entities, migrations });
  const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl }), { bufferLogs: false });
  configureApp(app, config);
  app.enableShutdownHooks();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await app.close();
    await stopEmbedded?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen(config.PORT);
  logger.log(`GraphQL ready at http://localhost:${config.PORT}/graphql`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
