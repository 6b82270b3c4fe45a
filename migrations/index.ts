import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { RegisterFilterIndexes1764000000300 } from './1764000000300-register-filter-indexes';

/** Every migration, in order. Listed explicitly so the compiled app and the tests load the same set. */
export const migrations = [InitialSchema1764000000000, RegisterFilterIndexes1764000000300];
