import { Module } from '@nestjs/common';
import { AcademiesResolver } from './academies.resolver';
import { AcademiesService } from './academies.service';

@Module({ providers: [AcademiesService, AcademiesResolver], exports: [AcademiesService] })
export class AcademiesModule {}
