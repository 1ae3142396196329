import type { Role } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";
import type { UserTable } from "../db/schema.js";
import type { KeysetPosition } from "../http/paging.js";

export type UserRow = UserTable;

/** The roles and scope of a staff account, kept in link tables beside the user row. */
export interface UserLinks {
  roles: Role[];
  estateIds: string[];
  departmentIds: string[];
  tradeIds: string[];
}

export interface StaffUserListFilter {
  orgId: string;
  q?: string | undefined;
  role?: Role | undefined;
  departmentId?: string | undefined;
  estateId?: string | undefined;
  active?: boolean | undefined;
  after?: KeysetPosition | undefined;
  limit: number;
}

/** A staff account of the organisation; resident accounts are managed with their resident. */
export async function findStaffUser(db: DbOrTx, orgId: string, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("kind", "=", "staff")
    .executeTakeFirst();
}

/** User names are unique across every organisation: sign-in does not ask for one. */
export async function usernameTaken(db: DbOrTx, username: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst();
  return row !== undefined;
}

/** Ordered by display name, then id; fetches one row more than the page to know if another follows. */
export async function listStaffUsers(db: DbOrTx, filter: StaffUserListFilter): Promise<UserRow[]> {
  let query = db.selectFrom("users").selectAll().where("org_id", "=", filter.orgId).where("kind", "=", "staff");
  if (filter.active !== undefined) query = query.where("active", "=", filter.active ? 1 : 0);
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([eb("username", "like", pattern), eb(eb.fn<string>("lower", ["display_name"]), "like", pattern)]),
    );
  }
  const { role, departmentId, estateId } = filter;
  if (role) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_roles")
          .select("user_roles.user_id")
          .whereRef("user_roles.user_id", "=", "users.id")
          .where("user_roles.role", "=", role),
      ),
    );
  }
  if (departmentId) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_departments")
          .select("user_departments.user_id")
          .whereRef("user_departments.user_id", "=", "users.id")
          .where("user_departments.department_id", "=", departmentId),
      ),
    );
  }
  if (estateId) {
    // staff granted every estate work on this one too.
    query = query.where((eb) =>
      eb.or([
        eb("all_estates", "=", 1),
        eb.exists(
          eb
            .selectFrom("user_estates")
            .select("user_estates.user_id")
            .whereRef("user_estates.user_id", "=", "users.id")
            .where("user_estates.estate_id", "=", estateId),
        ),
      ]),
    );
  }
  const after = filter.after;
  if (after) {
    const displayName = String(after.value);
    query = query.where((eb) =>
      eb.or([
        eb("display_name", ">", displayName),
        eb.and([eb("display_name", "=", displayName), eb("id", ">", after.id)]),
      ]),
    );
  }
  return query
    .orderBy("display_name")
    .orderBy("id")
    .limit(filter.limit + 1)
    .execute();
}

/** Roles, estates, departments and trades of several users in four queries. */
export async function loadUserLinks(db: DbOrTx, userIds: string[]): Promise<Map<string, UserLinks>> {
  const links = new Map<string, UserLinks>(
    userIds.map((id) => [id, { roles: [], estateIds: [], departmentIds: [], tradeIds: [] }]),
  );
  if (userIds.length === 0) return links;
  const [roles, estates, departments, trades] = await Promise.all([
    db.selectFrom("user_roles").select(["user_id", "role"]).where("user_id", "in", userIds).orderBy("role").execute(),
    db
      .selectFrom("user_estates")
      .select(["user_id", "estate_id"])
      .where("user_id", "in", userIds)
      .orderBy("estate_id")
      .execute(),
    db
      .selectFrom("user_departments")
      .select(["user_id", "department_id"])
      .where("user_id", "in", userIds)
      .orderBy("department_id")
      .execute(),
    db
      .selectFrom("user_trades")
      .select(["user_id", "trade_id"])
      .where("user_id", "in", userIds)
      .orderBy("trade_id")
      .execute(),
  ]);
  for (const row of roles) links.get(row.user_id)?.roles.push(row.role);
  for (const row of estates) links.get(row.user_id)?.estateIds.push(row.estate_id);
  for (const row of departments) links.get(row.user_id)?.departmentIds.push(row.department_id);
  for (const row of trades) links.get(row.user_id)?.tradeIds.push(row.trade_id);
  return links;
}

export type ScopeTable = "estates" | "departments" | "trades";

/** The records among `ids` that belong to the organisation, with whether each is active. */
export async function findScopeRecords(
  db: DbOrTx,
  table: ScopeTable,
  orgId: string,
  ids: string[],
): Promise<Array<{ id: string; active: number }>> {
  if (ids.length === 0) return [];
  return db.selectFrom(table).select(["id", "active"]).where("org_id", "=", orgId).where("id", "in", ids).execute();
}

export async function insertUser(db: DbOrTx, row: UserRow): Promise<void> {
  await db.insertInto("users").values(row).execute();
}

export async function updateUser(db: DbOrTx, orgId: string, id: string, changes: Partial<UserRow>): Promise<void> {
  await db.updateTable("users").set(changes).where("org_id", "=", orgId).where("id", "=", id).execute();
}

type Owner = { userId: string; orgId: string };

export async function replaceRoles(db: DbOrTx, owner: Owner, roles: Role[]): Promise<void> {
  await db.deleteFrom("user_roles").where("user_id", "=", owner.userId).execute();
  if (roles.length === 0) return;
  await db
    .insertInto("user_roles")
    .values(roles.map((role) => ({ user_id: owner.userId, org_id: owner.orgId, role })))
    .execute();
}

export async function replaceEstates(db: DbOrTx, owner: Owner, estateIds: string[]): Promise<void> {
  await db.deleteFrom("user_estates").where("user_id", "=", owner.userId).execute();
  if (estateIds.length === 0) return;
  await db
    .insertInto("user_estates")
    .values(estateIds.map((estateId) => ({ user_id: owner.userId, org_id: owner.orgId, estate_id: estateId })))
    .execute();
}

export async function replaceDepartments(db: DbOrTx, owner: Owner, departmentIds: string[]): Promise<void> {
  await db.deleteFrom("user_departments").where("user_id", "=", owner.userId).execute();
  if (departmentIds.length === 0) return;
  await db
    .insertInto("user_departments")
    .values(departmentIds.map((id) => ({ user_id: owner.userId, org_id: owner.orgId, department_id: id })))
    .execute();
}

export async function replaceTrades(db: DbOrTx, owner: Owner, tradeIds: string[]): Promise<void> {
  await db.deleteFrom("user_trades").where("user_id", "=", owner.userId).execute();
  if (tradeIds.length === 0) return;
  await db
    .insertInto("user_trades")
    .values(tradeIds.map((id) => ({ user_id: owner.userId, org_id: owner.orgId, trade_id: id })))
    .execute();
}
