import { type Kysely, sql } from "kysely";
import { columnTypes } from "../dialect.js";

/**
 * The organisation model, accounts, sessions and the audit log. Every tenant-owned table
 * carries `org_id` so that the data can be sharded by organisation (architecture rules).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then, not the current types.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const now = sql`CURRENT_TIMESTAMP`;

  await db.schema
    .createTable("organisations")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("Asia/Shanghai"))
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("estates")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("complaint_hotline", "text", (c) => c.notNull())
    .addColumn("repair_hotline", "text", (c) => c.notNull())
    .addColumn("reception_address", "text", (c) => c.notNull())
    .addColumn("public_code", "text", (c) => c.notNull().unique())
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("estates_org_code_unique", ["org_id", "code"])
    .addUniqueConstraint("estates_org_name_unique", ["org_id", "name"])
    .execute();

  await db.schema
    .createTable("buildings")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.notNull().references("estates.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("buildings_estate_name_unique", ["estate_id", "name"])
    .execute();

  await db.schema
    .createTable("units")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.notNull().references("estates.id"))
    .addColumn("building_id", t.id, (c) => c.notNull().references("buildings.id"))
    .addColumn("number", "text", (c) => c.notNull())
    // The number with its digit runs zero-padded, so that "1-101" sorts before "1-1001".
    .addColumn("sort_key", "text", (c) => c.notNull())
    .addColumn("floor", "integer")
    .addColumn("area_sqm", "real")
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("units_building_number_unique", ["building_id", "number"])
    .execute();
  await db.schema.createIndex("units_estate_number_idx").on("units").columns(["estate_id", "number"]).execute();
  await db.schema.createIndex("units_building_sort_idx").on("units").columns(["building_id", "sort_key"]).execute();

  await db.schema
    .createTable("residents")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("alt_phone", "text")
    .addColumn("note", "text")
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("residents_org_phone_idx").on("residents").columns(["org_id", "phone"]).execute();
  await db.schema.createIndex("residents_org_alt_phone_idx").on("residents").columns(["org_id", "alt_phone"]).execute();
  await db.schema.createIndex("residents_org_name_idx").on("residents").columns(["org_id", "name"]).execute();

  await db.schema
    .createTable("resident_units")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("estate_id", t.id, (c) => c.notNull().references("estates.id"))
    .addColumn("resident_id", t.id, (c) => c.notNull().references("residents.id"))
    .addColumn("unit_id", t.id, (c) => c.notNull().references("units.id"))
    .addColumn("relation", "text", (c) => c.notNull())
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("resident_units_unique", ["resident_id", "unit_id"])
    .execute();
  await db.schema.createIndex("resident_units_unit_idx").on("resident_units").column("unit_id").execute();

  await db.schema
    .createTable("departments")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("function", "text", (c) => c.notNull().defaultTo("other"))
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("departments_org_code_unique", ["org_id", "code"])
    .addUniqueConstraint("departments_org_name_unique", ["org_id", "name"])
    .execute();

  await db.schema
    .createTable("trades")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("trades_org_code_unique", ["org_id", "code"])
    .addUniqueConstraint("trades_org_name_unique", ["org_id", "name"])
    .execute();

  await db.schema
    .createTable("categories")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("default_department_id", t.id, (c) => c.references("departments.id"))
    .addColumn("default_trade_id", t.id, (c) => c.references("trades.id"))
    .addColumn("default_urgency", "text", (c) => c.notNull().defaultTo("normal"))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("categories_org_kind_code_unique", ["org_id", "kind", "code"])
    .addUniqueConstraint("categories_org_kind_name_unique", ["org_id", "kind", "name"])
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("resident_id", t.id, (c) => c.references("residents.id"))
    .addColumn("all_estates", t.flag, (c) => c.notNull().defaultTo(0))
    .addColumn("active", t.flag, (c) => c.notNull().defaultTo(1))
    .addColumn("failed_login_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", t.timestamp)
    .addColumn("password_changed_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn("last_login_at", t.timestamp)
    .addColumn("created_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("users_org_idx").on("users").columns(["org_id", "display_name"]).execute();
  await db.schema.createIndex("users_resident_idx").on("users").column("resident_id").execute();

  for (const [table, column, target] of [
    ["user_estates", "estate_id", "estates.id"],
    ["user_departments", "department_id", "departments.id"],
    ["user_trades", "trade_id", "trades.id"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn("user_id", t.id, (c) => c.notNull().references("users.id"))
      .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
      .addColumn(column, t.id, (c) => c.notNull().references(target))
      .addPrimaryKeyConstraint(`${table}_pk`, ["user_id", column])
      .execute();
    await db.schema.createIndex(`${table}_${column}_idx`).on(table).column(column).execute();
  }
  await db.schema
    .createTable("user_roles")
    .addColumn("user_id", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role"])
    .execute();
  await db.schema.createIndex("user_roles_org_role_idx").on("user_roles").columns(["org_id", "role"]).execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", t.id, (c) => c.notNull().references("users.id"))
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("last_seen_at", t.timestamp, (c) => c.notNull())
    .addColumn("expires_at", t.timestamp, (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();
  await db.schema.createIndex("sessions_expires_idx").on("sessions").column("expires_at").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("succeeded", t.flag, (c) => c.notNull())
    .addColumn("at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_attempts_ip_at_idx").on("login_attempts").columns(["ip", "at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("org_id", t.id, (c) => c.notNull().references("organisations.id"))
    .addColumn("at", t.timestamp, (c) => c.notNull())
    .addColumn("actor_id", t.id, (c) => c.references("users.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", t.id, (c) => c.notNull())
    .addColumn("before_json", t.json)
    .addColumn("after_json", t.json)
    .addColumn("request_id", "text")
    .addColumn("ip", "text")
    .execute();
  await db.schema
    .createIndex("audit_log_entity_idx")
    .on("audit_log")
    .columns(["org_id", "entity_type", "entity_id", "at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "audit_log",
    "login_attempts",
    "sessions",
    "user_roles",
    "user_trades",
    "user_departments",
    "user_estates",
    "users",
    "categories",
    "trades",
    "departments",
    "resident_units",
    "residents",
    "units",
    "buildings",
    "estates",
    "organisations",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
