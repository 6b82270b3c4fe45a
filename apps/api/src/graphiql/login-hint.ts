import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';

/** The demo administrator (scripts/seed-demo.ts creates it); every demo account has this password. */
export const DEMO_ADMIN_EMAIL = 'admin.demo@ac-toulouse.fr';
export const DEMO_PASSWORD = 'demo-toulouse-2025';

/** The account the GraphiQL page's login template names. */
export interface LoginHint {
  email: string;
  password: string;
  /** a French comment line of the template */
  note: string;
}

/**
 * The demo administrator with the demo password when the demo is loaded; else the bootstrap
 * administrator of ADMIN_EMAIL when it exists (its password is not shown); else a placeholder that
 * says how to get an account. Never an account that does not exist.
 */
export async function loginHint(dataSource: DataSource, config: AppConfig): Promise<LoginHint> {
  const active = async (email: string): Promise<boolean> => {
    const rows: unknown[] = await dataSource.query(
      'SELECT 1 FROM app_user WHERE email = $1 AND active LIMIT 1',
      [email],
    );
    return rows.length > 0;
  };
  if (await active(DEMO_ADMIN_EMAIL)) {
    return {
      email: DEMO_ADMIN_EMAIL,
      password: DEMO_PASSWORD,
      note: 'Démonstration chargée : administrateur de démonstration (mot de passe commun aux comptes de démonstration).',
    };
  }
  const admin = config.ADMIN_EMAIL?.trim().toLowerCase();
  if (admin && (await active(admin))) {
    return { email: admin, password: '…', note: 'Administrateur créé au démarrage (ADMIN_EMAIL).' };
  }
  return {
    email: 'adresse@exemple.fr',
    password: '…',
    note: 'Aucun compte connu : chargez la démonstration (npm run seed:demo) ou démarrez avec ADMIN_EMAIL et ADMIN_PASSWORD.',
  };
}
