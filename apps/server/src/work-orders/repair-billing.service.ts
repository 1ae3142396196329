/**
 * Paid repairs (有偿维修, issue #5 item 8): the estate's price list; the quote a worker records
 * on a private unit's order (labour and material lines against the price list, free lines with
 * a reason); the customer's approval with a signature on the worker's phone or in the portal,
 * without which work does not start; warranty repairs marked free. Money is integer fen.
 * Also the expected arrival the resident sees (item 4).
 */
import {
  lineAmountFen,
  type PriceItem,
  type PriceItemInput,
  type priceItemUpdateSchema,
  type QuoteInput,
  type QuoteLine,
  type WorkOrderStatus,
} from "@estate-desk/domain";
import type { z } from "zod";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import { assertEstateVisible, canSeeEstate } from "../auth/policy.js";
import { invalidField } from "../cases/case-references.js";
import * as cases from "../cases/cases.repository.js";
import type { Db, DbOrTx } from "../db/database.js";
import { isUniqueViolation } from "../db/dialect.js";
import type { RepairPriceItemTable } from "../db/schema.js";
import { findOwnUploads } from "../files/files.service.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { assertVisible } from "./work-order-workflow.service.js";
import * as repo from "./work-orders.repository.js";

// ---------------------------------------------------------------------------------------
// The price list

function presentItem(row: RepairPriceItemTable): PriceItem {
  return {
    id: row.id,
    estateId: row.estate_id,
    code: row.code,
    name: row.name,
    unit: row.unit,
    priceFen: row.price_fen,
    kind: row.kind,
    active: row.active === 1,
  };
}

export async function listPriceItems(db: DbOrTx, actor: Actor, estateId: string): Promise<PriceItem[]> {
  assertEstateVisible(actor, estateId);
  const rows = await db
    .selectFrom("repair_price_items")
    .selectAll()
    .where("org_id", "=", actor.orgId)
    .where("estate_id", "=", estateId)
    .orderBy("kind")
    .orderBy("code")
    .execute();
  return rows.map(presentItem);
}

async function ownItem(db: DbOrTx, actor: Actor, id: string): Promise<RepairPriceItemTable> {
  const row = await db
    .selectFrom("repair_price_items")
    .selectAll()
    .where("org_id", "=", actor.orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row || !canSeeEstate(actor, row.estate_id)) throw notFound("price item", id);
  return row;
}

export async function getPriceItem(db: DbOrTx, actor: Actor, id: string): Promise<PriceItem> {
  return presentItem(await ownItem(db, actor, id));
}

function duplicateCode(error: unknown): never {
  if (isUniqueViolation(error)) throw invalidField("code", "the estate's price list already has this code");
  throw error;
}

export async function createPriceItem(db: Db, context: RequestContext, input: PriceItemInput): Promise<PriceItem> {
  const { actor } = context;
  const estate = await db
    .selectFrom("estates")
    .select("id")
    .where("org_id", "=", actor.orgId)
    .where("id", "=", input.estateId)
    .executeTakeFirst();
  if (!estate) throw notFound("estate", input.estateId);
  assertEstateVisible(actor, estate.id);
  const now = nowIso();
  const row: RepairPriceItemTable = {
    id: newId(),
    org_id: actor.orgId,
    estate_id: estate.id,
    code: input.code,
    name: input.name,
    unit: input.unit,
    price_fen: input.priceFen,
    kind: input.kind,
    active: input.active ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await db
    .transaction()
    .execute(async (tx) => {
      await tx.insertInto("repair_price_items").values(row).execute();
      await recordAudit(tx, context, {
        action: "repairs.price_item_created",
        entityType: "repair_price_item",
        entityId: row.id,
        after: presentItem(row),
      });
    })
    .catch(duplicateCode);
  return presentItem(row);
}

export async function updatePriceItem(
  db: Db,
  context: RequestContext,
  id: string,
  input: z.infer<typeof priceItemUpdateSchema>,
): Promise<PriceItem> {
  const before = await ownItem(db, context.actor, id);
  const now = nowIso();
  await db
    .transaction()
    .execute(async (tx) => {
      await tx
        .updateTable("repair_price_items")
        .set({
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.unit !== undefined ? { unit: input.unit } : {}),
          ...(input.priceFen !== undefined ? { price_fen: input.priceFen } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
          updated_at: now,
        })
        .where("id", "=", id)
        .execute();
      await recordAudit(tx, context, {
        action: "repairs.price_item_updated",
        entityType: "repair_price_item",
        entityId: id,
        before: presentItem(before),
        after: input,
      });
    })
    .catch(duplicateCode);
  return getPriceItem(db, context.actor, id);
}

/** Quotes copy the lines they use, so deleting an item never changes a recorded quote. */
export async function deletePriceItem(db: Db, context: RequestContext, id: string): Promise<void> {
  const before = await ownItem(db, context.actor, id);
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom("repair_price_items").where("id", "=", id).execute();
    await recordAudit(tx, context, {
      action: "repairs.price_item_deleted",
      entityType: "repair_price_item",
      entityId: id,
      before: presentItem(before),
    });
  });
}

// ---------------------------------------------------------------------------------------
// Quotes

/** Where a quote may be recorded: the worker has the order and has not finished the work. */
const QUOTABLE: readonly WorkOrderStatus[] = ["assigned", "on_the_way", "on_site", "waiting"];

function isLeadOf(actor: Actor, order: repo.WorkOrderView): boolean {
  return actor.roles.includes("repair_lead") && canSeeEstate(actor, order.estate_id);
}

function assertWorkerOrLead(actor: Actor, order: repo.WorkOrderView): void {
  if (order.worker_id !== actor.userId && !isLeadOf(actor, order)) throw new AppError("FORBIDDEN");
}

async function loadOrder(db: DbOrTx, actor: Actor, id: string): Promise<repo.WorkOrderView> {
  const order = await repo.findWorkOrder(db, actor.orgId, id);
  if (!order) throw notFound("work order", id);
  await assertVisible(db, actor, order);
  return order;
}

async function event(tx: DbOrTx, actor: Actor, order: repo.WorkOrderView, type: string, data: object, at: string) {
  await cases.insertEvent(tx, {
    id: newId(),
    org_id: actor.orgId,
    case_id: order.case_id,
    at,
    actor_id: actor.userId,
    type,
    data_json: JSON.stringify(data),
  });
}

/**
 * The worker records (or replaces) the quote of a private unit's repair. Recording it makes
 * the order chargeable and withdraws any earlier approval: the customer signs what they pay.
 */
export async function recordQuote(db: Db, context: RequestContext, id: string, input: QuoteInput): Promise<void> {
  const { actor } = context;
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, actor, id);
    assertWorkerOrLead(actor, order);
    if (!QUOTABLE.includes(order.status)) throw new AppError("INVALID_TRANSITION", { status: order.status });
    // Public-area and warranty repairs are free (issue #5 item 8).
    if (order.unit_id === null || order.billing === "public_area" || order.billing === "warranty") {
      throw new AppError("NOT_CHARGEABLE", { billing: order.billing ?? "public_area" });
    }
    const itemIds = input.lines.flatMap((line) => ("priceItemId" in line ? [line.priceItemId] : []));
    const items =
      itemIds.length === 0
        ? []
        : await tx
            .selectFrom("repair_price_items")
            .selectAll()
            .where("org_id", "=", actor.orgId)
            .where("estate_id", "=", order.estate_id)
            .where("active", "=", 1)
            .where("id", "in", itemIds)
            .execute();
    const lines: QuoteLine[] = input.lines.map((line, index) => {
      if ("priceItemId" in line) {
        const item = items.find((candidate) => candidate.id === line.priceItemId);
        if (!item) throw invalidField(`lines/${index}/priceItemId`, "not an active item of the estate's price list");
        return {
          priceItemId: item.id,
          code: item.code,
          name: item.name,
          unit: item.unit,
          kind: item.kind,
          unitPriceFen: item.price_fen,
          quantity: line.quantity,
          amountFen: lineAmountFen(item.price_fen, line.quantity),
          reason: null,
        };
      }
      return {
        priceItemId: null,
        code: null,
        name: line.name,
        unit: line.unit,
        kind: line.kind,
        unitPriceFen: line.unitPriceFen,
        quantity: line.quantity,
        amountFen: lineAmountFen(line.unitPriceFen, line.quantity),
        reason: line.reason,
      };
    });
    const totalFen = lines.reduce((sum, line) => sum + line.amountFen, 0);
    const now = nowIso();
    await tx
      .updateTable("work_orders")
      .set({
        billing: "chargeable",
        quote_json: JSON.stringify(lines),
        quote_total_fen: totalFen,
        quote_recorded_at: now,
        quote_recorded_by: actor.userId,
        quote_approved_at: null,
        quote_approved_by: null,
        quote_signature_upload_id: null,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    await event(tx, actor, order, "work_order.quote", { totalFen, lines: lines.length }, now);
    await recordAudit(tx, context, {
      action: "work_order.quote",
      entityType: "work_order",
      entityId: id,
      before: { quoteTotalFen: order.quote_total_fen, approved: order.quote_approved_at !== null },
      after: { quoteTotalFen: totalFen, lines },
    });
  });
}

/**
 * The customer approves the quote with a signature: on the worker's phone (the worker uploads
 * the drawing) or in the portal (the resident the order concerns). Only a pending quote.
 */
export async function approveQuote(db: Db, context: RequestContext, id: string, signatureId: string): Promise<void> {
  const { actor } = context;
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, actor, id);
    if (actor.kind === "staff") assertWorkerOrLead(actor, order);
    if (order.billing !== "chargeable" || order.quote_total_fen === null) {
      throw new AppError("INVALID_TRANSITION", { reason: "no quote to approve" });
    }
    if (order.quote_approved_at !== null) throw new AppError("INVALID_TRANSITION", { reason: "already approved" });
    if (!QUOTABLE.includes(order.status)) throw new AppError("INVALID_TRANSITION", { status: order.status });
    const [signature] = await findOwnUploads(tx, actor, [signatureId]);
    if (!signature) throw invalidField("signatureId", "signature required");
    const now = nowIso();
    // Conditional on the quote the customer saw: a quote replaced meanwhile is not approved.
    const result = await tx
      .updateTable("work_orders")
      .set({
        quote_approved_at: now,
        quote_approved_by: actor.userId,
        quote_signature_upload_id: signature.id,
        updated_at: now,
      })
      .where("id", "=", id)
      .where("quote_approved_at", "is", null)
      .where("quote_recorded_at", "=", order.quote_recorded_at ?? "")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError("INVALID_TRANSITION", { reason: "the quote changed meanwhile" });
    }
    await event(
      tx,
      actor,
      order,
      "work_order.quote_approved",
      { totalFen: order.quote_total_fen, in: actor.kind === "resident" ? "portal" : "phone" },
      now,
    );
    await recordAudit(tx, context, {
      action: "work_order.quote_approved",
      entityType: "work_order",
      entityId: id,
      after: { quoteTotalFen: order.quote_total_fen, signatureId: signature.id },
    });
  });
}

/** A repair under warranty is free: any quote is withdrawn and no charge can be recorded. */
export async function markWarranty(db: Db, context: RequestContext, id: string, comment: string): Promise<void> {
  const { actor } = context;
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, actor, id);
    assertWorkerOrLead(actor, order);
    if (!QUOTABLE.includes(order.status)) throw new AppError("INVALID_TRANSITION", { status: order.status });
    if (order.unit_id === null) throw new AppError("NOT_CHARGEABLE", { billing: "public_area" });
    const now = nowIso();
    await tx
      .updateTable("work_orders")
      .set({
        billing: "warranty",
        quote_json: null,
        quote_total_fen: null,
        quote_recorded_at: null,
        quote_recorded_by: null,
        quote_approved_at: null,
        quote_approved_by: null,
        quote_signature_upload_id: null,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    await event(tx, actor, order, "work_order.warranty", { comment }, now);
    await recordAudit(tx, context, {
      action: "work_order.warranty",
      entityType: "work_order",
      entityId: id,
      before: { billing: order.billing },
      after: { billing: "warranty", comment },
    });
  });
}

// ---------------------------------------------------------------------------------------
// Expected arrival (issue #5 item 4)

const BEFORE_ARRIVAL: readonly WorkOrderStatus[] = ["accepted", "assigned", "on_the_way", "waiting"];

export async function setExpectedArrival(db: Db, context: RequestContext, id: string, at: string): Promise<void> {
  const { actor } = context;
  const expected = new Date(at).toISOString();
  await db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, actor, id);
    assertWorkerOrLead(actor, order);
    if (!BEFORE_ARRIVAL.includes(order.status) || order.arrived_at !== null) {
      throw new AppError("INVALID_TRANSITION", { status: order.status });
    }
    const now = nowIso();
    if (Date.parse(expected) < Date.parse(now) - 5 * 60_000) {
      throw invalidField("expectedArrivalAt", "in the past");
    }
    await tx
      .updateTable("work_orders")
      .set({ expected_arrival_at: expected, updated_at: now })
      .where("id", "=", id)
      .execute();
    await event(tx, actor, order, "work_order.expected_arrival", { expectedArrivalAt: expected }, now);
    await recordAudit(tx, context, {
      action: "work_order.expected_arrival",
      entityType: "work_order",
      entityId: id,
      before: { expectedArrivalAt: order.expected_arrival_at },
      after: { expectedArrivalAt: expected },
    });
  });
}
