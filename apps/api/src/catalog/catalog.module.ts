import { Module } from '@nestjs/common';
import { DeclarationsModule } from '../declarations/declarations.module';
import { TreatmentsModule } from '../treatments/treatments.module';
import { CatalogResolver, DeclarationCatalogResolver } from './catalog.resolver';
import { CatalogService } from './catalog.service';

/** The académie's tool catalogue: reviewed once by the DPD, followed live by the declarations. */
@Module({
  imports: [DeclarationsModule, TreatmentsModule],
  providers: [CatalogService, CatalogResolver, DeclarationCatalogResolver],
  exports: [CatalogService],
})
export class CatalogModule {}
