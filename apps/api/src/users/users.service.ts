import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  badInput,
  Caller,
  conflict,
  FieldErrors,
  forbidden,
  isUuid,
  notFound,
  Page,
  PageArgs,
  PASSWORD_MIN_LENGTH,
  Role,
  unauthenticated,
} from '@app/core';
import { paginate, versionedUpdate, whereSearch } from '@app/database';
import { can, headControls, requireCan, scope } from '../access';
import { AcademyEntity } from '../academies/academy.entity';
import { AuditedTransactions, WriteContext } from '../audit/audited-transaction.service';
import { created } from '../audit/changes';
import { AuthService } from '../auth/auth.service';
import { PasswordHasher } from '../auth/password-hasher';
import { AccountEmails } from '../notifications/account-emails.service';
import { SchoolEntity } from '../schools/school.entity';
import { CreateUserInput, RoleGrantInput, UserFilter } from './dto/user.input';
import { RoleGrantEntity, UserEntity } from './user.entity';

const SCHOOL_ROLES: Role[] = ['TEACHER', 'HEAD'];
const TOO_MANY_PASSWORD_GUESSES = 'Trop de mots de passe actuels erronés : réessayez dans quelques minutes.';

interface GrantValue {
  role: Role;
  schoolId: string | null;
}

const RESEND_REFUSAL = 'Vous ne renvoyez l’invitation qu’aux enseignants de vos établissements.';

/** A new password: BAD_USER_INPUT on `newPassword` unless 12 to 256 characters. */
function assertNewPassword(newPassword: unknown): asserts newPassword is string {
  if (typeof newPassword !== 'string' || newPassword.length < PASSWORD_MIN_LENGTH) {
    throw badInput({
      newPassword: `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`,
    });
  }
  if (newPassword.length > 256) throw badInput({ newPassword: '256 caractères au maximum.' });
}

const grantKey = (g: GrantValue) => (g.schoolId ? `${g.role}@${g.schoolId}` : g.role);
const grantKeys = (grants: GrantValue[]) => grants.map(grantKey).sort();

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: AuditedTransactions,
    private readonly hasher: PasswordHasher,
    private readonly auth: AuthService,
    private readonly accountEmails: AccountEmails,
  ) {}

  /** The users the caller reads (access/permissions.ts, `user.read`): a HEAD, those with a grant on its schools. */
  private scoped(caller: Caller) {
    const visible = scope(caller, 'user.read', 'u');
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where(visible.sql, visible.params);
  }

  private assertMayManageUsers(caller: Caller): void {
    requireCan(caller, 'user.read');
  }

  list<M>(
    caller: Caller,
    filter: UserFilter | null | undefined,
    page: PageArgs,
    map: (u: UserEntity) => M,
  ): Promise<Page<M>> {
    this.assertMayManageUsers(caller);
    const query = this.scoped(caller);
    if (filter?.academyId) query.andWhere('u.academy_id = :academyId', { academyId: filter.academyId });
    if (filter?.schoolId || filter?.role) {
      const conditions = ['fg.user_id = u.id'];
      if (filter.schoolId) conditions.push('fg.school_id = :filterSchool');
      if (filter.role) conditions.push('fg.role = :filterRole');
      query.andWhere(`EXISTS (SELECT 1 FROM role_grant fg WHERE ${conditions.join(' AND ')})`, {
        filterSchool: filter.schoolId,
        filterRole: filter.role,
      });
    }
    if (typeof filter?.active === 'boolean') query.andWhere('u.active = :active', { active: filter.active });
    whereSearch(query, filter?.search);
    return paginate(query, page, map);
  }

  async findById(id: string): Promise<UserEntity | null> {
    return isUuid(id) ? this.dataSource.getRepository(UserEntity).findOneBy({ id }) : null;
  }

  async me(caller: Caller): Promise<UserEntity> {
    const user = await this.findById(caller.userId);
    if (!user) throw unauthenticated();
    return user;
  }

  create(caller: Caller, input: CreateUserInput): Promise<UserEntity> {
    this.assertMayManageUsers(caller);
    return this.tx.run(caller, async (ctx) => {
      const { em } = ctx;
      const academy = isUuid(input.academyId)
        ? await em.findOneBy(AcademyEntity, { id: input.academyId })
        : null;
      if (!academy || !can(caller, 'academy.read', academy)) throw notFound('Académie');
      requireCan(caller, 'user.create');
      if (input.grants.length === 0) throw badInput({ grants: 'Attribuez au moins un rôle.' });
      const grants = await this.checkGrants(em, caller, academy.id, input.grants);
      if (!caller.isAdmin) this.assertHeadControls(caller, grants);
      // without a password, the user chooses one from its invitation e-mail
      const passwordHash = input.password ? await this.hasher.hash(input.password) : null;
      const user = await em.save(
        em.create(UserEntity, {
          academyId: academy.id,
          email: input.email,
          displayName: input.displayName,
          passwordHash,
          active: true,
        }),
      );
      user.invitationPending = passwordHash === null;
      await this.writeGrants(em, user.id, grants);
      if (user.invitationPending) await this.accountEmails.invite(em, user);
      ctx.audit({
        action: 'CREATE',
        entityType: 'User',
        entityId: user.id,
        academyId: user.academyId,
        changes: {
          ...created(user, ['email', 'displayName', 'academyId', 'active']),
          ...(user.invitationPending ? { invitationPending: [null, true] } : {}),
          grants: [null, grantKeys(grants)],
        },
      });
      return user;
    });
  }

  /** Replaces the grants (ADMIN), or a HEAD's part of them: TEACHER grants on its schools. */
  updateGrants(caller: Caller, userId: string, input: RoleGrantInput[]): Promise<UserEntity> {
    this.assertMayManageUsers(caller);
    return this.tx.run(caller, async (ctx) => {
      const { em } = ctx;
      const user = await this.lockVisibleUser(ctx, caller, userId);
      if (user.id === caller.userId) throw forbidden('Vous ne pouvez pas modifier vos propres rôles.');
      requireCan(caller, 'user.manage');
      const requested = await this.checkGrants(em, caller, user.academyId, input);
      const current = await this.grantsOf(em, user.id);
      let next = requested;
      if (!caller.isAdmin) {
        this.assertHeadControls(caller, requested);
        const controlled = (g: GrantValue) => headControls(caller, g);
        if (!current.some(controlled)) {
          throw forbidden('Vous ne gérez que les enseignants de vos établissements.');
        }
        next = [...current.filter((g) => !controlled(g)), ...requested];
      }
      const before = grantKeys(current);
      const after = grantKeys(next);
      if (before.join() !== after.join()) {
        await em.delete(RoleGrantEntity, { userId: user.id });
        await this.writeGrants(em, user.id, next);
        // the grants are the account's: a new version of it, audited with them
        await versionedUpdate(ctx, {
          entity: UserEntity,
          entityType: 'User',
          action: 'UPDATE',
          current: user,
          set: {},
          audited: [],
          readBack: false,
          extraChanges: { grants: [before, after] },
        });
      }
      return user;
    });
  }

  setActive(caller: Caller, userId: string, active: boolean): Promise<UserEntity> {
    this.assertMayManageUsers(caller);
    return this.tx.run(caller, async (ctx) => {
      const { em } = ctx;
      // admins are counted under a lock, so two admins cannot deactivate each other at once
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('active-admins', 0))`);
      const user = await this.lockVisibleUser(ctx, caller, userId);
      if (user.id === caller.userId) throw forbidden('Vous ne pouvez pas désactiver votre propre compte.');
      const grants = await this.grantsOf(em, user.id);
      if (!caller.isAdmin) {
        const teacherOfMine = grants.some((g) => headControls(caller, g));
        if (!teacherOfMine || grants.some((g) => g.role !== 'TEACHER')) {
          throw forbidden('Vous ne gérez que les comptes des enseignants de vos établissements.');
        }
      }
      if (user.active === active) return user;
      if (!active && grants.some((g) => g.role === 'ADMIN')) {
        const [{ count }] = await em.query(
          `SELECT count(DISTINCT u.id)::int AS count FROM app_user u JOIN role_grant g ON g.user_id = u.id
            WHERE g.role = 'ADMIN' AND u.active AND u.id <> $1`,
          [user.id],
        );
        if (count === 0) throw conflict('Le dernier administrateur actif ne peut pas être désactivé.');
      }
      // its sessions end now, and stay ended if it is reactivated later
      if (!active) await this.auth.revokeSessions(em, user.id);
      return versionedUpdate(ctx, {
        entity: UserEntity,
        entityType: 'User',
        action: 'TRANSITION',
        current: user,
        set: { active },
        audited: ['active'],
        readBack: false,
      });
    });
  }

  /**
   * The caller changes its own password: the current one is a guess under the login throttle, and
   * every session of the user ends, this one included (the client logs in again).
   */
  async changePassword(
    caller: Caller,
    currentPassword: string,
    newPassword: string,
    address: string,
  ): Promise<boolean> {
    if (typeof newPassword !== 'string' || newPassword.length < PASSWORD_MIN_LENGTH) {
      throw badInput({
        newPassword: `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`,
      });
    }
    if (newPassword.length > 256) throw badInput({ newPassword: '256 caractères au maximum.' });
    const stored = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: caller.userId })
      .getOne();
    if (!stored) throw unauthenticated();
    const right = await this.auth.throttledGuess(
      stored.email,
      address,
      async () => ((await this.hasher.verify(stored.passwordHash, currentPassword)) ? true : null),
      TOO_MANY_PASSWORD_GUESSES,
    );
    if (!right) throw badInput({ currentPassword: 'Mot de passe actuel incorrect.' });
    const passwordHash = await this.hasher.hash(newPassword);
    return this.tx.run(caller, async ({ em, audit }) => {
      await em.update(UserEntity, { id: stored.id }, { passwordHash, version: () => 'version + 1' });
      await this.auth.revokeSessions(em, stored.id);
      // the trail says that the password changed, never what it is
      audit({
        action: 'UPDATE',
        entityType: 'User',
        entityId: stored.id,
        academyId: stored.academyId,
        changes: { password: ['(masqué)', '(modifié)'] },
      });
      return true;
    });
  }

  /**
   * Sends the invitation again, with a new link (the earlier one stops working): ADMIN for anyone, a
   * HEAD for the teachers of its schools (`user.create`); only while the invitation is pending.
   */
  resendInvitation(caller: Caller, userId: string): Promise<boolean> {
    return this.tx.run(caller, async (ctx) => {
      const user = await this.lockVisibleUser(ctx, caller, userId);
      const grants = await this.grantsOf(ctx.em, user.id);
      const grantSchoolIds = grants.flatMap((g) => (g.schoolId ? [g.schoolId] : []));
      requireCan(caller, 'user.create', { ...user, grantSchoolIds }, RESEND_REFUSAL);
      if (!caller.isAdmin && !grants.every((g) => headControls(caller, g))) throw forbidden(RESEND_REFUSAL);
      if (!user.invitationPending) throw conflict('Ce compte a déjà choisi son mot de passe.');
      await this.accountEmails.invite(ctx.em, user);
      // the account itself does not change: an event, no new version
      ctx.audit({
        action: 'UPDATE',
        entityType: 'User',
        entityId: user.id,
        academyId: user.academyId,
        changes: { invitation: [null, 'renvoyée'] },
      });
      return true;
    });
  }

  /**
   * A token from an invitation or reset e-mail, used once (AccountEmails): sets the password, ends
   * the user's sessions and returns a new one. A used, expired or unknown token: UNAUTHENTICATED.
   * With LOCAL_LOGIN=false, FORBIDDEN for an account that is not ADMIN (the token stays unused).
   */
  async resetPassword(
    token: string,
    newPassword: string,
    address: string,
  ): Promise<{ token: string; expiresAt: Date; user: UserEntity }> {
    assertNewPassword(newPassword);
    const owner = await this.accountEmails.tokenOwner(token, address);
    const caller = await this.auth.loadCaller(owner);
    if (!caller) throw unauthenticated();
    // LOCAL_LOGIN=false: no password session for a non-ADMIN account (refused before the token is used)
    this.auth.assertPasswordSessionAllowed(caller, owner, address);
    const passwordHash = await this.hasher.hash(newPassword);
    const user = await this.tx.run(caller, async (ctx) => {
      await this.accountEmails.takeToken(ctx.em, token, caller.userId);
      const current = await ctx.em
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('u.id = :id', { id: caller.userId })
        .setLock('pessimistic_write')
        .getOneOrFail();
      await this.auth.revokeSessions(ctx.em, current.id);
      // the trail says that the password changed (and the invitation is accepted), never what it is
      return versionedUpdate(ctx, {
        entity: UserEntity,
        entityType: 'User',
        action: 'UPDATE',
        current,
        set: { passwordHash },
        audited: ['invitationPending'],
        extraChanges: { password: ['(masqué)', '(modifié)'] },
      });
    });
    await this.accountEmails.tokenAccepted(token, address);
    return { ...this.auth.issueToken(user), user };
  }

  /** Creates the bootstrap ADMIN once (ADMIN_EMAIL / ADMIN_PASSWORD); later starts change nothing. */
  async bootstrapAdmin(email: string, password: string, academyCode: string): Promise<void> {
    const normalised = email.trim().toLowerCase();
    const passwordHash = await this.hasher.hash(password);
    await this.tx.run(null, async ({ em, audit }) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('bootstrap-admin', 0))`);
      if (await em.findOneBy(UserEntity, { email: normalised })) return;
      let academy = await em.findOneBy(AcademyEntity, { code: academyCode.toUpperCase() });
      if (!academy) {
        const name =
          academyCode.toUpperCase() === 'TOULOUSE' ? 'Académie de Toulouse' : `Académie ${academyCode}`;
        academy = await em.save(em.create(AcademyEntity, { code: academyCode.toUpperCase(), name }));
        audit({
          action: 'CREATE',
          entityType: 'Academy',
          entityId: academy.id,
          academyId: academy.id,
          changes: created(academy, ['code', 'name']),
        });
      }
      const user = await em.save(
        em.create(UserEntity, {
          academyId: academy.id,
          email: normalised,
          displayName: 'Administrateur',
          passwordHash,
          active: true,
        }),
      );
      await this.writeGrants(em, user.id, [{ role: 'ADMIN', schoolId: null }]);
      audit({
        action: 'CREATE',
        entityType: 'User',
        entityId: user.id,
        academyId: academy.id,
        changes: {
          ...created(user, ['email', 'displayName', 'academyId', 'active']),
          grants: [null, ['ADMIN']],
        },
      });
    });
  }

  private async lockVisibleUser(ctx: WriteContext, caller: Caller, userId: string): Promise<UserEntity> {
    if (!isUuid(userId)) throw notFound('Utilisateur');
    const visible = await this.scoped(caller).andWhere('u.id = :userId', { userId }).getOne();
    if (!visible) throw notFound('Utilisateur');
    const [locked] = await ctx.em.query('SELECT version FROM app_user WHERE id = $1 FOR UPDATE', [userId]);
    return { ...visible, version: locked.version };
  }

  private async grantsOf(em: EntityManager, userId: string): Promise<GrantValue[]> {
    return (await em.findBy(RoleGrantEntity, { userId })).map((g) => ({
      role: g.role,
      schoolId: g.schoolId,
    }));
  }

  private async writeGrants(em: EntityManager, userId: string, grants: GrantValue[]): Promise<void> {
    if (grants.length)
      await em.insert(
        RoleGrantEntity,
        grants.map((g) => ({ userId, ...g })),
      );
  }

  /** Each grant well formed, no duplicate, its school visible to the caller and in the user's academy. */
  private async checkGrants(
    em: EntityManager,
    caller: Caller,
    academyId: string,
    input: RoleGrantInput[],
  ): Promise<GrantValue[]> {
    const fields: FieldErrors = {};
    const grants: GrantValue[] = input.map((g, i) => {
      const schoolRole = SCHOOL_ROLES.includes(g.role);
      if (schoolRole && !g.schoolId)
        fields[`grants.${i}.schoolId`] = 'Un établissement est requis pour ce rôle.';
      if (!schoolRole && g.schoolId)
        fields[`grants.${i}.schoolId`] = 'Ce rôle vaut pour toute l’académie : pas d’établissement.';
      if (g.schoolId && !isUuid(g.schoolId)) fields[`grants.${i}.schoolId`] = 'Identifiant invalide.';
      return { role: g.role, schoolId: schoolRole ? (g.schoolId ?? null) : null };
    });
    const keys = grants.map(grantKey);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) fields[`grants.${i}`] = 'Rôle en double.';
    });
    if (Object.keys(fields).length) throw badInput(fields);
    const schoolIds = [...new Set(grants.map((g) => g.schoolId).filter((id): id is string => !!id))];
    // only the schools the caller may see are read: any other is NOT_FOUND, as an absent one
    const visible = scope(caller, 'school.read', 's');
    const schools = schoolIds.length
      ? await em
          .getRepository(SchoolEntity)
          .createQueryBuilder('s')
          .where('s.id IN (:...grantSchoolIds)', { grantSchoolIds: schoolIds })
          .andWhere(visible.sql, visible.params)
          .getMany()
      : [];
    const byId = new Map(schools.map((s) => [s.id, s]));
    grants.forEach((g, i) => {
      if (!g.schoolId) return;
      const school = byId.get(g.schoolId);
      if (!school) throw notFound('Établissement');
      if (school.academyId !== academyId) {
        fields[`grants.${i}.schoolId`] = 'Cet établissement n’appartient pas à l’académie du compte.';
      }
    });
    if (Object.keys(fields).length) throw badInput(fields);
    return grants;
  }

  /** A HEAD hands out TEACHER grants on its own schools, nothing else. */
  private assertHeadControls(caller: Caller, grants: GrantValue[]): void {
    if (grants.some((g) => !headControls(caller, g))) {
      throw forbidden(
        'Un chef d’établissement attribue seulement le rôle enseignant dans ses établissements.',
      );
    }
  }
}
