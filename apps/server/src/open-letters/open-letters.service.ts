/**
 * Open letters (R-4.10.1): for callbacks on one common problem, customer service answers the
 * residents with an open letter (公开信), linked to a suggestion topic or a set of cases and
 * published to the residents of chosen estates (their portal, and a printable notice). The
 * letters are the callback archive's "letters" shelf; publishing can answer the linked cases'
 * planned callbacks with the letter.
 */
import type {
  OpenLetter,
  OpenLetterInput,
  OpenLetterListItem,
  OpenLetterStatus,
  PortalOpenLetter,
} from "@estate-desk/domain";
import { recordAudit } from "../audit/audit.repository.js";
import type { RequestContext } from "../auth/actor.js";
import { canSeeEstate, caseVisibility, estateScope } from "../auth/policy.js";
import { invalidField } from "../cases/case-references.js";
import * as cases from "../cases/cases.repository.js";
import type { Db, DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import * as repo from "./open-letters.repository.js";
import { letterText, sanitiseLetterHtml } from "./sanitise-html.js";

async function checkLinks(tx: DbOrTx, context: RequestContext, input: OpenLetterInput) {
  const actor = context.actor;
  const estateIds = [...new Set(input.estateIds)];
  for (const [index, estateId] of estateIds.entries()) {
    const estate = await tx
      .selectFrom("estates")
      .select(["id", "active"])
      .where("org_id", "=", actor.orgId)
      .where("id", "=", estateId)
      .executeTakeFirst();
    if (estate?.active !== 1 || !canSeeEstate(actor, estate.id)) {
      throw invalidField(`estateIds/${index}`, "unknown, inactive or outside your estates");
    }
  }
  const caseIds = [...new Set(input.caseIds)];
  for (const [index, caseId] of caseIds.entries()) {
    if (!(await cases.findSummary(tx, actor.orgId, caseId, caseVisibility(actor)))) {
      throw invalidField(`caseIds/${index}`, "not a case you can see");
    }
  }
  if (input.topicId && !(await repo.findTopicInOrg(tx, actor.orgId, input.topicId))) {
    throw invalidField("topicId", "unknown topic");
  }
  const bodyHtml = sanitiseLetterHtml(input.bodyHtml);
  if (letterText(bodyHtml) === "") throw invalidField("bodyHtml", "the letter has no text");
  return { estateIds, caseIds, bodyHtml };
}

/** A letter is the staff member's to see when it is addressed to one of their estates. */
async function loadLetter(db: DbOrTx, context: RequestContext, id: string): Promise<repo.LetterView> {
  const letter = await repo.findLetter(db, context.actor.orgId, id);
  if (!letter) throw notFound("open letter", id);
  const estates = await repo.findLetterEstates(db, [id]);
  if (!estates.some((estate) => canSeeEstate(context.actor, estate.id))) throw notFound("open letter", id);
  return letter;
}

export async function createLetter(db: Db, context: RequestContext, input: OpenLetterInput): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const links = await checkLinks(tx, context, input);
    const now = nowIso();
    const row = {
      id: newId(),
      org_id: context.actor.orgId,
      title: input.title,
      body_html: links.bodyHtml,
      status: "draft" as const,
      topic_id: input.topicId ?? null,
      created_by: context.actor.userId,
      created_at: now,
      updated_at: now,
    };
    await repo.insertLetter(tx, row);
    await repo.replaceLetterLinks(tx, row.id, links.estateIds, links.caseIds);
    await recordAudit(tx, context, {
      action: "open_letter.created",
      entityType: "open_letter",
      entityId: row.id,
      after: { ...row, estateIds: links.estateIds, caseIds: links.caseIds },
    });
    return row.id;
  });
}

export async function updateLetter(db: Db, context: RequestContext, id: string, input: OpenLetterInput): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const letter = await loadLetter(tx, context, id);
    const links = await checkLinks(tx, context, input);
    const changes = {
      title: input.title,
      body_html: links.bodyHtml,
      topic_id: input.topicId ?? null,
      updated_at: nowIso(),
    };
    if (!(await repo.updateLetterIf(tx, id, "draft", changes))) {
      throw new AppError("INVALID_TRANSITION", { reason: "only a draft letter can be changed", status: letter.status });
    }
    await repo.replaceLetterLinks(tx, id, links.estateIds, links.caseIds);
    await recordAudit(tx, context, {
      action: "open_letter.updated",
      entityType: "open_letter",
      entityId: id,
      before: { title: letter.title, body_html: letter.body_html },
      after: { ...changes, estateIds: links.estateIds, caseIds: links.caseIds },
    });
  });
}

export async function publishLetter(
  db: Db,
  context: RequestContext,
  id: string,
  options: { answerCallbacks: boolean },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const letter = await loadLetter(tx, context, id);
    const now = nowIso();
    const moved = await repo.updateLetterIf(tx, id, "draft", {
      status: "published",
      published_at: now,
      published_by: context.actor.userId,
      updated_at: now,
    });
    if (!moved) throw new AppError("INVALID_TRANSITION", { status: letter.status });
    let answered = 0;
    if (options.answerCallbacks) {
      const caseIds = (await repo.findLetterCases(tx, [id])).map((row) => row.id);
      answered = await repo.answerPlannedCallbacks(tx, {
        orgId: letter.org_id,
        letterId: id,
        caseIds,
        topicId: letter.topic_id,
        by: context.actor.userId,
        now,
      });
    }
    await recordAudit(tx, context, {
      action: "open_letter.published",
      entityType: "open_letter",
      entityId: id,
      before: { status: letter.status },
      after: { status: "published", answeredCallbacks: answered },
    });
  });
}

export async function withdrawLetter(db: Db, context: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const letter = await loadLetter(tx, context, id);
    if (!(await repo.updateLetterIf(tx, id, "published", { status: "withdrawn", updated_at: nowIso() }))) {
      throw new AppError("INVALID_TRANSITION", { status: letter.status });
    }
    await recordAudit(tx, context, {
      action: "open_letter.withdrawn",
      entityType: "open_letter",
      entityId: id,
      before: { status: letter.status },
      after: { status: "withdrawn" },
    });
  });
}

type LinkedCase = Awaited<ReturnType<typeof repo.findLetterCases>>[number];

interface PresentedLetter {
  item: OpenLetterListItem;
  estates: Array<{ id: string; name: string }>;
  cases: LinkedCase[];
}

async function present(db: DbOrTx, context: RequestContext, rows: repo.LetterView[]): Promise<PresentedLetter[]> {
  const ids = rows.map((row) => row.id);
  const estates = await repo.findLetterEstates(db, ids);
  const linked = await repo.findLetterCases(db, ids);
  return rows.map((row) => {
    // Staff of some estates see only those of a letter's estates and cases.
    const own = estates.filter((estate) => estate.letter_id === row.id && canSeeEstate(context.actor, estate.id));
    const ownCases = linked.filter((c) => c.letter_id === row.id && canSeeEstate(context.actor, c.estate_id));
    return {
      item: {
        id: row.id,
        title: row.title,
        status: row.status,
        topicId: row.topic_id,
        topicTitle: row.topic_title,
        estateNames: own.map((estate) => estate.name),
        caseCount: ownCases.length,
        publishedAt: row.published_at,
        createdAt: row.created_at,
      },
      estates: own.map((estate) => ({ id: estate.id, name: estate.name })),
      cases: ownCases,
    };
  });
}

/** The callback archive's letters, newest first. */
export async function listLetters(
  db: DbOrTx,
  context: RequestContext,
  status: OpenLetterStatus | undefined,
): Promise<{ items: OpenLetterListItem[] }> {
  const scope = estateScope(context.actor);
  const rows = await repo.listLetters(db, context.actor.orgId, scope.all ? null : scope.estateIds, {
    publishedOnly: false,
  });
  const presented = await present(
    db,
    context,
    rows.filter((row) => !status || row.status === status),
  );
  return { items: presented.map((letter) => letter.item) };
}

export async function getLetter(db: DbOrTx, context: RequestContext, id: string): Promise<OpenLetter> {
  const letter = await loadLetter(db, context, id);
  const [presented] = await present(db, context, [letter]);
  if (!presented) throw notFound("open letter", id);
  return {
    ...presented.item,
    bodyHtml: letter.body_html,
    organisationName: await repo.findOrganisationName(db, letter.org_id),
    estateIds: presented.estates.map((estate) => estate.id),
    cases: presented.cases.map((c) => ({ caseId: c.id, number: c.number, content: c.content })),
    publishedByName: letter.published_by_name,
    createdByName: letter.created_by_name,
    answeredCallbacks: await repo.countAnsweredCallbacks(db, id),
  };
}

// The resident's side ------------------------------------------------------------------------

async function residentEstates(db: DbOrTx, context: RequestContext): Promise<string[]> {
  if (!context.actor.residentId) throw new AppError("FORBIDDEN");
  return repo.findResidentEstateIds(db, context.actor.orgId, context.actor.residentId);
}

async function presentForResident(
  db: DbOrTx,
  rows: repo.LetterView[],
  estateIds: string[],
): Promise<PortalOpenLetter[]> {
  const estates = await repo.findLetterEstates(
    db,
    rows.map((row) => row.id),
  );
  const names = new Map<string, string>();
  if (rows[0]) names.set(rows[0].org_id, await repo.findOrganisationName(db, rows[0].org_id));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    bodyHtml: row.body_html,
    organisationName: names.get(row.org_id) ?? "",
    // Only the resident's own estates are named: the others are none of their business.
    estateNames: estates.filter((e) => e.letter_id === row.id && estateIds.includes(e.id)).map((e) => e.name),
    publishedAt: row.published_at ?? row.created_at,
  }));
}

/** the published letters addressed to one of the resident's estates. */
export async function listPortalLetters(db: DbOrTx, context: RequestContext): Promise<{ items: PortalOpenLetter[] }> {
  const estateIds = await residentEstates(db, context);
  const rows = await repo.listLetters(db, context.actor.orgId, estateIds, { publishedOnly: true });
  return { items: await presentForResident(db, rows, estateIds) };
}

export async function getPortalLetter(db: DbOrTx, context: RequestContext, id: string): Promise<PortalOpenLetter> {
  const estateIds = await residentEstates(db, context);
  const rows = await repo.listLetters(db, context.actor.orgId, estateIds, { publishedOnly: true });
  const letter = rows.find((row) => row.id === id);
  if (!letter) throw notFound("open letter", id);
  const [item] = await presentForResident(db, [letter], estateIds);
  if (!item) throw notFound("open letter", id);
  return item;
}
