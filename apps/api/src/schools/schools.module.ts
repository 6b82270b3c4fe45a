import { Global, Module } from '@nestjs/common';
import { SchoolsResolver } from './schools.resolver';
import { SchoolsService } from './schools.service';

/** Global: every school-scoped domain resolves and checks schools through SchoolsService. */
@Global()
@Module({ providers: [SchoolsService, SchoolsResolver], exports: [SchoolsService] })
export class SchoolsModule {}
