import type { DbOrTx } from "../db/database.js";
import type { OrganisationTable } from "../db/schema.js";

export type OrganisationRow = OrganisationTable;

export async function findOrganisation(db: DbOrTx, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateOrganisation(db: DbOrTx, id: string, changes: Partial<OrganisationRow>): Promise<void> {
  await db.updateTable("organisations").set(changes).where("id", "=", id).execute();
}
