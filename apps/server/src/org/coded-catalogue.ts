/**
 * A coded catalogue record (部门 departments, 工种 trades): a code and a name, each unique within
 * the organisation, listed with the number of active users linked to it, created, changed and
 * deleted by the administrator with an audit entry. The two catalogues differ only in their
 * table, their link table, any extra columns and how they are presented, so one piece of code
 * serves both and each area keeps only what is its own.
 */
import type { SelectExpression, Selection } from "kysely";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import type { Db, DbOrTx } from "../db/database.js";
import { guardInUse, guardUnique, toFlag } from "../db/guards.js";
import type { Database } from "../db/schema.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";

/** The columns every coded catalogue table has (flags are 0/1, instants ISO strings, as in schema.ts). */
export interface CodedColumns {
  id: string;
  org_id: string;
  code: string;
  name: string;
  active: number;
  created_at: string;
  updated_at: string;
}

/**
 * A catalogue table together with the link table that assigns users to its records. One union
 * member per catalogue, so a table cannot be paired with another catalogue's links.
 */
export type CodedTableSource =
  | { table: "departments"; links: "user_departments"; linkColumn: "user_departments.department_id" }
  | { table: "trades"; links: "user_trades"; linkColumn: "user_trades.trade_id" };

type CodedTable = CodedTableSource["table"];

/** Extra columns of one catalogue, as selected from its table (departments: `function`). */
export type ExtraColumns<SE extends SelectExpression<Database, CodedTable>> = Selection<Database, CodedTable, SE>;

export type CodedRow<Extra> = CodedColumns & Extra;
/** What a change writes: the changeable columns, the extra ones included. */
export type CodedChanges<Extra> = Pick<CodedColumns, "code" | "name" | "active" | "updated_at"> & Extra;
/** A record with the number of active users linked to it (null from a database that counts nothing). */
export type CodedRowWithCount<Extra> = CodedRow<Extra> & { user_count: number | null };

export interface CodedListFilter {
  orgId: string;
  active?: boolean | undefined;
}

export interface CodedCatalogueRepository<Extra> {
  find(db: DbOrTx, orgId: string, id: string): Promise<CodedRowWithCount<Extra> | undefined>;
  list(db: DbOrTx, filter: CodedListFilter): Promise<CodedRowWithCount<Extra>[]>;
  findConflict(
    db: DbOrTx,
    orgId: string,
    candidate: { code: string; name: string },
    exceptId?: string,
  ): Promise<"code" | "name" | undefined>;
  insert(db: DbOrTx, row: CodedRow<Extra>): Promise<void>;
  update(db: DbOrTx, orgId: string, id: string, changes: CodedChanges<Extra>): Promise<void>;
  remove(db: DbOrTx, orgId: string, id: string): Promise<void>;
}

/**
 * The queries of one catalogue. `extraColumns` are selected next to the shared ones so that
 * their types follow the table (an empty list for a catalogue with none).
 */
export function codedCatalogueRepository<SE extends SelectExpression<Database, CodedTable>>(
  source: CodedTableSource,
  extraColumns: readonly SE[],
): CodedCatalogueRepository<ExtraColumns<SE>> {
  const { table, links, linkColumn } = source;

  /** The organisation's records with the number of active users linked to each. */
  function selectWithCount(db: DbOrTx, orgId: string) {
    return db
      .selectFrom(table)
      .select([
        `${table}.id`,
        `${table}.org_id`,
        `${table}.code`,
        `${table}.name`,
        `${table}.active`,
        `${table}.created_at`,
        `${table}.updated_at`,
      ])
      .select(extraColumns)
      .select((eb) =>
        eb
          .selectFrom(links)
          .innerJoin("users", "users.id", `${links}.user_id`)
          .select((sub) => sub.fn.countAll<number>().as("count"))
          .whereRef(linkColumn, "=", `${table}.id`)
          .where("users.active", "=", 1)
          .as("user_count"),
      )
      .where(`${table}.org_id`, "=", orgId);
  }

  return {
    async find(db, orgId, id) {
      return selectWithCount(db, orgId).where(`${table}.id`, "=", id).executeTakeFirst();
    },

    /** A small list (a dozen rows per organisation at most): unpaged, by code. */
    async list(db, filter) {
      let query = selectWithCount(db, filter.orgId);
      if (filter.active !== undefined) query = query.where(`${table}.active`, "=", filter.active ? 1 : 0);
      return query.orderBy(`${table}.code`).orderBy(`${table}.id`).execute();
    },

    /** Which unique field (code before name) another record of the organisation already uses. */
    async findConflict(db, orgId, candidate, exceptId) {
      let query = db
        .selectFrom(table)
        .select(["code", "name"])
        .where("org_id", "=", orgId)
        .where((eb) => eb.or([eb("code", "=", candidate.code), eb("name", "=", candidate.name)]));
      if (exceptId) query = query.where("id", "!=", exceptId);
      const rows = await query.execute();
      if (rows.some((row) => row.code === candidate.code)) return "code";
      return rows.length > 0 ? "name" : undefined;
    },

    async insert(db, row) {
      await db.insertInto(table).values(row).execute();
    },

    async update(db, orgId, id, changes) {
      await db.updateTable(table).set(changes).where("org_id", "=", orgId).where("id", "=", id).execute();
    },

    async remove(db, orgId, id) {
      await db.deleteFrom(table).where("org_id", "=", orgId).where("id", "=", id).execute();
    },
  };
}

export interface CodedCatalogueService<Entity, Input, Update> {
  list(db: Db, context: RequestContext, query: { active?: boolean | undefined }): Promise<{ items: Entity[] }>;
  create(db: Db, context: RequestContext, input: Input): Promise<Entity>;
  update(db: Db, context: RequestContext, id: string, input: Update): Promise<Entity>;
  remove(db: Db, context: RequestContext, id: string): Promise<void>;
}

export interface CodedCatalogueSpec<Extra, Entity, Input, Update> {
  /** The audit entity type and the prefix of the audit actions ("department" → "department.created"). */
  entityType: "department" | "trade";
  present(row: CodedRow<Extra>, userCount: number): Entity;
  /** The extra columns of a new record. */
  extraOf(input: Input): Extra;
  /** The extra columns after a change; a field left out keeps its value. */
  changedExtra(current: CodedRow<Extra>, input: Update): Extra;
}

/**
 * Create, change, delete and list for one catalogue. Deactivating keeps the users' links, so a
 * record that handled cases stays in their history; deleting is only for a record nothing
 * refers to (otherwise 409 IN_USE).
 */
export function codedCatalogueService<
  Extra,
  Entity,
  Input extends { code: string; name: string },
  Update extends { code?: string | undefined; name?: string | undefined; active?: boolean | undefined },
>(
  repo: CodedCatalogueRepository<Extra>,
  spec: CodedCatalogueSpec<Extra, Entity, Input, Update>,
): CodedCatalogueService<Entity, Input, Update> {
  const { entityType } = spec;
  const userCountOf = (row: CodedRowWithCount<Extra>): number => Number(row.user_count ?? 0);

  /** A record of the actor's organisation, or 404 (other organisations' ids look unknown). */
  async function getOwn(db: Db, context: RequestContext, id: string): Promise<CodedRowWithCount<Extra>> {
    const row = await repo.find(db, context.actor.orgId, id);
    if (!row) throw notFound(entityType, id);
    return row;
  }

  /** Code and name are each unique within the organisation; the pre-check names the field at fault. */
  async function assertNoConflict(db: Db, orgId: string, candidate: CodedColumns): Promise<void> {
    const field = await repo.findConflict(db, orgId, candidate, candidate.id);
    if (field) throw new AppError("DUPLICATE", { field });
  }

  return {
    async list(db, context, query) {
      const rows = await repo.list(db, { orgId: context.actor.orgId, active: query.active });
      return { items: rows.map((row) => spec.present(row, userCountOf(row))) };
    },

    async create(db, context, input) {
      const now = nowIso();
      const row: CodedRow<Extra> = {
        id: newId(),
        org_id: context.actor.orgId,
        code: input.code,
        name: input.name,
        ...spec.extraOf(input),
        active: 1,
        created_at: now,
        updated_at: now,
      };
      await assertNoConflict(db, row.org_id, row);
      await guardUnique(
        () =>
          db.transaction().execute(async (tx) => {
            await repo.insert(tx, row);
            await recordAudit(tx, context, {
              action: `${entityType}.created`,
              entityType,
              entityId: row.id,
              after: spec.present(row, 0),
            });
          }),
        "code",
      );
      return spec.present(row, 0);
    },

    async update(db, context, id, input) {
      const before = await getOwn(db, context, id);
      const userCount = userCountOf(before);
      // Only the changeable columns are written; the rest of the row stays as it is.
      const changes: CodedChanges<Extra> = {
        code: input.code ?? before.code,
        name: input.name ?? before.name,
        ...spec.changedExtra(before, input),
        active: input.active === undefined ? before.active : toFlag(input.active),
        updated_at: nowIso(),
      };
      const after: CodedRow<Extra> = { ...before, ...changes };
      await assertNoConflict(db, before.org_id, after);
      await guardUnique(
        () =>
          db.transaction().execute(async (tx) => {
            await repo.update(tx, before.org_id, id, changes);
            await recordAudit(tx, context, {
              action: `${entityType}.updated`,
              entityType,
              entityId: id,
              before: spec.present(before, userCount),
              after: spec.present(after, userCount),
            });
          }),
        "code",
      );
      return spec.present(after, userCount);
    },

    async remove(db, context, id) {
      const before = await getOwn(db, context, id);
      await guardInUse(() =>
        db.transaction().execute(async (tx) => {
          await repo.remove(tx, before.org_id, id);
          await recordAudit(tx, context, {
            action: `${entityType}.deleted`,
            entityType,
            entityId: id,
            before: spec.present(before, userCountOf(before)),
          });
        }),
      );
    },
  };
}
