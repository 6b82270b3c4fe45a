import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG, AppConfig } from '@app/core';

/** argon2id, with the memory cost of ARGON2_MEMORY_KIB (lowered for tests only). */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: this.config.ARGON2_MEMORY_KIB });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    // Unknown accounts cost the same time as wrong passwords: nothing tells them apart.
    const target = hash ?? (await (this.dummyHash ??= this.hash('compte-inexistant-pour-le-minutage')));
    try {
      return (await argon2.verify(target, password)) && hash !== null;
    } catch {
      return false;
    }
  }
}
