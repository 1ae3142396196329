import type { DbOrTx } from "../db/database.js";
import type { UploadTable } from "../db/schema.js";

export type UploadRow = UploadTable;

export async function insertUpload(db: DbOrTx, row: UploadRow): Promise<void> {
  await db.insertInto("uploads").values(row).execute();
}

export async function findUpload(db: DbOrTx, orgId: string, id: string): Promise<UploadRow | undefined> {
  return db.selectFrom("uploads").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

/** The uploads among `ids` that this user uploaded in this organisation. */
export async function findUploadsBy(
  db: DbOrTx,
  orgId: string,
  uploadedBy: string,
  ids: readonly string[],
): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("uploads")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("uploaded_by", "=", uploadedBy)
    .where("id", "in", ids)
    .execute();
}
