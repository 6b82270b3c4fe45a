import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ValidationPipe } from '@nestjs/common';
import { Request } from 'express';
import { GraphQLFormattedError } from 'graphql';
import { DataSource, Logger as TypeormLogger } from 'typeorm';
import { APP_CONFIG, AppConfig, validationFailed } from '@app/core';
import { dataSourceOptions, SqlLogger } from '@app/database';
import { migrations } from '../../../migrations';
import { AcademiesModule } from './academies/academies.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DatabaseErrorFilter } from './common/database-error.filter';
import { DomainErrorFilter } from './common/domain-error.filter';
import { StrictDateTime } from './common/date-time.scalar';
import { formatError } from './common/format-error';
import { GraphqlContext } from './common/graphql-context';
import { RequestLoaders } from './common/request-loaders';
import { checkTenantAtOutput, TenantIsolationSubscriber } from './common/tenant-isolation';
import { entities } from './entities';
import { HealthController } from './health.controller';
import { SchoolsModule } from './schools/schools.module';
import { CatalogModule } from './catalog/catalog.module';
import { DeclarationsModule } from './declarations/declarations.module';
import { TreatmentsModule } from './treatments/treatments.module';
import { ViolationsModule } from './violations/violations.module';
import { ReviewsModule } from './reviews/reviews.module';
import { ExportsModule } from './exports/exports.module';
import { RightsRequestsModule } from './rights-requests/rights-requests.module';
import { SpreadsheetsModule } from './spreadsheets/spreadsheets.module';
import { graphqlValidationRules, MAX_TOKENS } from './common/graphql-limits';
import { UsersModule } from './users/users.module';
import { NotificationSchedulerModule, NotificationsModule } from './notifications/notifications.module';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoInstance } from 'pino';
import { createRootLogger, loggerParams, ROOT_LOGGER } from './observability/logging';
import { ObservabilityModule } from './observability/observability.module';
import { observeGraphqlPlugin } from './observability/request-fields';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** a TypeORM logger (the tests count queries with one) */
  sqlLogger?: TypeormLogger;
  /** the process's pino logger (main.ts makes one for all its lines); default: one from the config */
  logger?: PinoInstance;
}

@Global()
@Module({})
class ConfigModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

/** The API. main.ts and the tests build the same module; only the configuration differs. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    // main.ts hands its logger; a test's application is silent unless LOG_LEVEL says otherwise
    const root =
      options.logger ??
      createRootLogger({
        ...config,
        LOG_LEVEL: config.LOG_LEVEL ?? (config.NODE_ENV === 'test' ? 'silent' : undefined),
      });
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        LoggerModule.forRoot(loggerParams(root)),
        ObservabilityModule,
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: options.databaseUrl,
            entities,
            migrations,
            logSql: config.LOG_SQL,
            logger: options.sqlLogger ?? new SqlLogger(config.LOG_SQL, new Logger('SQL')),
            poolSize: 20,
          }),
          // the second line of tenant isolation, inside transactions bound to a caller (common/tenant-isolation.ts)
          subscribers: [TenantIsolationSubscriber],
          // the API waits for the database at start rather than retrying forever
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => ({
            autoSchemaFile: true,
            sortSchema: true,
            // DateTime refuses impossible dates instead of rolling them over (common/date-time.scalar.ts)
            buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: StrictDateTime }] },
            path: '/graphql',
            playground: false,
            introspection: config.introspection,
            includeStacktraceInErrorResponses: false,
            // no HTTP cache hints are used: the cache-control plugin would only wrap every field resolver
            plugins: [
              ApolloServerPluginLandingPageDisabled(),
              ApolloServerPluginCacheControlDisabled(),
              observeGraphqlPlugin(),
            ],
            // the parser gives up after MAX_TOKENS tokens instead of reading a 1 MB query to its end
            parseOptions: { maxTokens: MAX_TOKENS },
            validationRules: graphqlValidationRules(config),
            context: ({ req }: { req: Request }): GraphqlContext => ({
              req,
              loaders: new RequestLoaders(dataSource),
            }),
            // the one error mapper; in production, messages name no field or value the client did not write
            formatError: (formatted: GraphQLFormattedError, error: unknown) =>
              formatError(formatted, error, { hideSuggestions: config.NODE_ENV === 'production' }),
            // the second line of tenant isolation, at the output: every school-scoped object of an answer
            transformSchema: checkTenantAtOutput,
          }),
        }),
        AuthModule,
        AuditModule,
        AcademiesModule,
        SchoolsModule,
        UsersModule,
        TreatmentsModule,
        DeclarationsModule,
        ViolationsModule,
        ReviewsModule,
        ExportsModule,
        NotificationsModule,
        NotificationSchedulerModule,
        RightsRequestsModule,
        SpreadsheetsModule,
        CatalogModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: ROOT_LOGGER, useValue: root },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_FILTER, useClass: DatabaseErrorFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            transform: true,
            exceptionFactory: validationFailed,
            validationError: { target: false, value: false },
          }),
        },
      ],
    };
  }
}
