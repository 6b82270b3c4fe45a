import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { RegisterFilterIndexes1764000000300 } from './1764000000300-register-filter-indexes';
import { SchoolStats1764000000400 } from './1764000000400-school-stats';
import { LoginThrottle1764000000500 } from './1764000000500-login-throttle';
import { AuditChainHead1764000000600 } from './1764000000600-audit-chain-head';
import { QueueIndexes1764000000700 } from './1764000000700-queue-indexes';
import { SessionGeneration1764000001000 } from './1764000001000-session-generation';
import { AuditHmac1764000001010 } from './1764000001010-audit-hmac';
import { GeneratedNotNull1764000001100 } from './1764000001100-generated-not-null';
import { AlertChain1764000002000 } from './1764000002000-alert-chain';
import { RightsRequests1764000003000 } from './1764000003000-rights-requests';
import { Catalog1764000004000 } from './1764000004000-catalog';
import { ExportFormat1764000005000 } from './1764000005000-export-format';
import { AuditChainHeads1764000006000 } from './1764000006000-audit-chain-heads';
import { UncataloguedBySchool1764000007000 } from './1764000007000-uncatalogued-by-school';

/** Every migration, in order. Listed explicitly so the compiled app and the tests load the same set. */
export const migrations = [
  InitialSchema1764000000000,
  RegisterFilterIndexes1764000000300,
  SchoolStats1764000000400,
  LoginThrottle1764000000500,
  AuditChainHead1764000000600,
  QueueIndexes1764000000700,
  SessionGeneration1764000001000,
  AuditHmac1764000001010,
  GeneratedNotNull1764000001100,
  AlertChain1764000002000,
  RightsRequests1764000003000,
  Catalog1764000004000,
  ExportFormat1764000005000,
  AuditChainHeads1764000006000,
  UncataloguedBySchool1764000007000,
];
