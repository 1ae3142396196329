/**
 * Callbacks in the proportions the procedure sets: every checked complaint is
 * called back — by phone mostly, on site now and then — except a few exempt ones (no contact,
 * declined, written reply only: ); about a third of the completed dispatch orders are
 * called back by phone, every dissatisfied one among them. A dissatisfied
 * complaint callback leaves a nonconformity behind. Timeline events and audit
 * entries as the callback module writes them.
 */
import { pick } from "../../../apps/server/src/demo/generators.js";
import { newId } from "../../../apps/server/src/http/ids.js";
import type { Row } from "../sink.js";
import type { CasePart } from "../world.js";
import type { FatedCase } from "./cases.js";
import { addMinutesIso, auditRow, eventRow } from "./timeline.js";

const EXEMPT_SHARE = 0.03;
const REPAIR_SAMPLE_SHARE = 0.33;

export const callbacksPart: CasePart = {
  name: "callbacks, exemptions and nonconformities",
  addRows(world, cases, sink) {
    const { random } = world;
    const callers = world.staff.get("cs_agent") ?? [];
    const head = world.staff.get("cs_head")?.[0] ?? null;
    const callbacks: Row[] = [];
    const exemptions: Row[] = [];
    const nonconformities: Row[] = [];
    const events: Row[] = [];
    const audit: Row[] = [];
    const callback = (item: FatedCase, at: string, workOrderId: string | null, dissatisfied: boolean) => {
      const caller = pick(random, callers);
      const satisfaction = dissatisfied
        ? "dissatisfied"
        : pick(random, ["satisfied", "satisfied", "satisfied", "basically_satisfied"] as const);
      const onSite = workOrderId === null && random() < 0.1;
      const row: Row = {
        id: newId(),
        org_id: item.row.org_id,
        estate_id: item.row.estate_id,
        subject_type: workOrderId ? "work_order" : "complaint",
        case_id: item.row.id,
        work_order_id: workOrderId,
        topic_id: null,
        nonconformity_id: null,
        plan_id: null,
        follow_up_of_id: null,
        sequence: 1,
        status: "done",
        method: onSite ? "on_site" : "phone",
        assigned_to: caller,
        assigned_at: at,
        due_at: null,
        performed_by: caller,
        performed_at: at,
        outcome: "reached",
        satisfaction,
        opinion: satisfaction === "dissatisfied" ? "问题还没有彻底解决" : "处理及时，满意",
        signature_upload_id: null,
        reply_question: null,
        reply_due_at: null,
        replied_at: null,
        reply_reminded_at: null,
        answered_by_letter_id: null,
        created_by: caller,
        created_at: at,
        updated_at: at,
      };
      callbacks.push(row);
      events.push(
        eventRow(item, at, caller, "callback_recorded", {
          sequence: 1,
          method: row.method,
          outcome: "reached",
          satisfaction,
          replyDueAt: null,
          workOrderId,
        }),
      );
      audit.push(
        auditRow(
          item,
          at,
          caller,
          "callback.recorded",
          { type: "callback", id: row.id as string },
          { status: "planned" },
          {
            method: row.method,
            outcome: "reached",
            satisfaction,
          },
        ),
      );
      if (satisfaction === "dissatisfied" && workOrderId === null) {
        nonconformities.push({
          id: newId(),
          org_id: item.row.org_id,
          estate_id: item.row.estate_id,
          number: null,
          source: "callback",
          source_id: row.id,
          case_id: item.row.id,
          work_order_id: null,
          topic_id: null,
          status: "candidate",
          description: `回访不满意（${item.row.number}）：问题还没有彻底解决`,
          created_at: at,
          updated_at: at,
        });
      }
    };
    for (const item of cases as FatedCase[]) {
      const checked = item.row.checked_at as string | null | undefined;
      if (item.row.kind === "complaint" && checked && item.row.status === "closed") {
        if (random() < EXEMPT_SHARE) {
          exemptions.push({
            case_id: item.row.id,
            org_id: item.row.org_id,
            reason: pick(random, ["no_contact", "declined"] as const),
            note: null,
            letter_upload_id: null,
            recorded_by: head ?? item.registeredBy,
            recorded_at: checked,
          });
        } else {
          callback(item, checked, null, random() < 0.04);
        }
      }
      const order = item.workOrder;
      if (order?.completedAt && (order.status === "closed" || order.status === "awaiting_callback")) {
        const sampled = order.dissatisfied || random() < REPAIR_SAMPLE_SHARE;
        if (sampled && order.status === "closed") {
          callback(item, addMinutesIso(order.completedAt, 60 * 24 * 3), order.id, order.dissatisfied);
        }
      }
    }
    sink.insert("callback_exemptions", exemptions);
    sink.insert("callbacks", callbacks);
    sink.insert("nonconformities", nonconformities);
    sink.insert("case_events", events);
    sink.insert("audit_log", audit);
  },
};
