import type { Db, Trx } from '../db/database.ts';
import type { Language } from '../domain/errors.ts';
import type { Role } from '../domain/roles.ts';
import type { Config } from '../config.ts';

/** The signed-in staff member acting in a request, job or CLI command. */
export interface SessionActor {
  userId: number;
  username: string;
  displayName: string;
  unitId: number;
  unitPath: string;
  unitKind: string;
  unitName: string;
  roles: Role[];
  /** Sees every case in the city (the centre, supervisors, leaders). */
  citywide: boolean;
  /** The unit has active units below it (it can dispatch down). */
  hasSubUnits: boolean;
}

/** What every command receives: who acts, inside which transaction, in which language. */
export interface Ctx {
  trx: Trx;
  actor: SessionActor;
  lang: Language;
  now: Date;
  /** Prefix of new case numbers (configurable per city). */
  casePrefix: string;
}

/** Runs `fn` in one transaction: the caller opens it, commands never do. */
export function inTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/** What the HTTP layer, jobs and the CLI share: the pool and the settings. */
export interface AppDeps {
  db: Db;
  config: Config;
}
