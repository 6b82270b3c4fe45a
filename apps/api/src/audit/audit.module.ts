import { Global, Module } from '@nestjs/common';
import { AuditedTransactions } from './audited-transaction.service';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

/** Global: every domain writes through AuditedTransactions. */
@Global()
@Module({
  providers: [AuditedTransactions, AuditService, AuditResolver],
  exports: [AuditedTransactions, AuditService],
})
export class AuditModule {}
