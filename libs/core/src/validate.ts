import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationFailed } from './validation';

/**
 * Validates a value the ValidationPipe does not reach (a list argument, a value built in a service)
 * with the same decorators and the same BAD_USER_INPUT error; returns the transformed instance.
 * `prefix` names the argument in `extensions.fields` (e.g. "grants.0.schoolId").
 */
export function validateAs<T extends object>(type: new () => T, value: unknown, prefix?: string): T {
  const instance = plainToInstance(type, value) as T;
  const errors = validateSync(instance, { forbidUnknownValues: false });
  if (errors.length) {
    const failure = validationFailed(errors);
    if (prefix && failure.fields) {
      const fields = Object.fromEntries(
        Object.entries(failure.fields).map(([k, v]) => [`${prefix}.${k}`, v]),
      );
      throw Object.assign(failure, { fields });
    }
    throw failure;
  }
  return instance;
}
