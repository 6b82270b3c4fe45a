import { Module } from '@nestjs/common';
import { TreatmentsModule } from '../treatments/treatments.module';
import { DeclarationsResolver, TreatmentDeclarationsResolver } from './declarations.resolver';
import { DeclarationsService } from './declarations.service';

/** Teachers' tool declarations; an approval files the tool in the treatments register. */
@Module({
  imports: [TreatmentsModule],
  providers: [DeclarationsService, DeclarationsResolver, TreatmentDeclarationsResolver],
  exports: [DeclarationsService],
})
export class DeclarationsModule {}
