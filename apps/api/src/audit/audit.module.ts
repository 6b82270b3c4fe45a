import { Global, Module } from '@nestjs/common';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditedTransactions } from './audited-transaction.service';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

/** Global: every domain writes through AuditedTransactions. */
@Global()
@Module({
  providers: [AuditedTransactions, AuditCheckpoints, AuditService, AuditResolver],
  exports: [AuditedTransactions, AuditCheckpoints, AuditService],
})
export class AuditModule {}
