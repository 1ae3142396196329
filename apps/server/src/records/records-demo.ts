/**
 * Demo records (issue #8): so that a newcomer running `npm start` finds something on the
 * quality-records screens. Complaints go through the real services, acted by the demo users
 * as the procedure names them, and are then dated into the two previous months: the month
 * before last is handed over to QA and received, with QA's inspection open; last month still
 * waits for its handover.
 */
import {
  type ComplaintActionInput,
  periodBounds,
  periodOf,
  permissionsOf,
  previousPeriod,
  type Role,
} from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import { createCallback } from "../callbacks/callbacks.service.js";
import { registerCase } from "../cases/intake.service.js";
import { takeComplaintAction } from "../complaints/complaint-workflow.service.js";
import type { Db } from "../db/database.js";
import { prepareHandover, receiveHandover } from "./handover.js";
import { openInspection } from "./qa-inspection.js";

async function contextOf(db: Db, orgId: string, username: string): Promise<RequestContext> {
  const user = await db
    .selectFrom("users")
    .select(["id", "username", "display_name"])
    .where("org_id", "=", orgId)
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const roles = (await db.selectFrom("user_roles").select("role").where("user_id", "=", user.id).execute()).map(
    (row) => row.role as Role,
  );
  const departments = await db
    .selectFrom("user_departments")
    .select("department_id")
    .where("user_id", "=", user.id)
    .execute();
  return {
    actor: {
      userId: user.id,
      orgId,
      username: user.username,
      displayName: user.display_name,
      kind: "staff",
      roles,
      permissions: permissionsOf(roles),
      allEstates: true,
      estateIds: [],
      departmentIds: departments.map((row) => row.department_id),
      residentId: null,
      sessionId: "demo",
      csrfToken: "demo",
    },
    requestId: "demo-data",
    ip: "127.0.0.1",
  };
}

const COMPLAINTS = [
  "晚上十点后广场舞音乐太吵，影响休息",
  "地下车库有外来车辆长期占用业主车位",
  "快递员随意进出单元门，门禁形同虚设",
  "楼道内有人堆放杂物，存在消防隐患",
  "夜间巡逻不到位，电动车充电无人制止",
  "小区门岗对访客不登记",
];

export async function loadRecordsDemo(db: Db, orgId: string): Promise<void> {
  const head = await contextOf(db, orgId, "cshead");
  const agent = await contextOf(db, orgId, "csagent");
  const deptHead = await contextOf(db, orgId, "depthead");
  const deptStaff = await contextOf(db, orgId, "deptstaff");
  const qa = await contextOf(db, orgId, "qa");
  const security = await db
    .selectFrom("departments")
    .select("id")
    .where("org_id", "=", orgId)
    .where("code", "=", "SEC")
    .executeTakeFirstOrThrow();
  const category = await db
    .selectFrom("categories")
    .select("id")
    .where("org_id", "=", orgId)
    .where("kind", "=", "complaint")
    .where("active", "=", 1)
    .orderBy("code")
    .executeTakeFirstOrThrow();
  // Residents other than the demo resident 张伟, one unit each, so no complaint repeats a unit.
  const residents = await db
    .selectFrom("resident_units")
    .innerJoin("residents", "residents.id", "resident_units.resident_id")
    .select(["resident_units.resident_id", "resident_units.unit_id", "resident_units.estate_id"])
    .where("resident_units.org_id", "=", orgId)
    .where("residents.name", "!=", "张伟")
    // Nor a unit with a complaint already (the demo history): that would make these repeats.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("cases")
            .select("cases.id")
            .whereRef("cases.unit_id", "=", "resident_units.unit_id")
            .where("cases.kind", "=", "complaint"),
        ),
      ),
    )
    .orderBy("resident_units.id")
    .limit(COMPLAINTS.length * 7)
    .execute();
  const timeZone = "Asia/Shanghai";
  const lastMonth = previousPeriod(periodOf(new Date().toISOString(), timeZone));
  const monthBefore = previousPeriod(lastMonth);
  const picked = residents.filter((_, index) => index % 7 === 0).slice(0, COMPLAINTS.length);

  for (const [index, content] of COMPLAINTS.entries()) {
    const party = picked[index];
    if (!party) break;
    const period = index < 2 ? monthBefore : lastMonth;
    const start = Date.parse(periodBounds(period, timeZone).from) + (3 + index * 4) * 86_400_000 + 2 * 3_600_000;
    const created = await registerCase(db, head, {
      kind: "complaint",
      estateId: party.estate_id,
      channel: "phone",
      receivedAt: new Date(start).toISOString(),
      residentId: party.resident_id,
      unitId: party.unit_id,
      categoryId: category.id,
      departmentId: security.id,
      content,
      source: "resident",
      major: false,
      wantsCallback: true,
      photoIds: [],
      similarCasesAcknowledged: true,
    });
    const handlingId = created.complaint?.handlings[0]?.id ?? null;
    const steps: [RequestContext, ComplaintActionInput][] = [
      [deptHead, { action: "accept", handlingId } as ComplaintActionInput],
      [deptHead, { action: "assign", handlingId, assigneeId: deptStaff.actor.userId } as ComplaintActionInput],
      [
        deptStaff,
        {
          action: "return_result",
          handlingId,
          measures: "现场核实并加强巡查",
          result: "已整改，业主认可",
        } as ComplaintActionInput,
      ],
      [agent, { action: "check", outcome: "accepted", comment: "措施到位" } as ComplaintActionInput],
    ];
    for (const [context, input] of steps) await takeComplaintAction(db, context, created.id, input);
    // the satisfied phone callback closes it.
    await createCallback(db, agent, {
      subjectType: "complaint",
      caseId: created.id,
      method: "phone",
      result: { outcome: "reached", satisfaction: "satisfied", opinion: "电话回访满意" },
    });
    // Closed two days after it came in, within its month.
    await db
      .updateTable("cases")
      .set({ closed_at: new Date(start + 2 * 86_400_000).toISOString() })
      .where("id", "=", created.id)
      .execute();
  }

  const batch = await prepareHandover(db, head, { period: monthBefore, note: "演示：月度投诉记录移交" });
  await receiveHandover(db, qa, batch.id, { confirmation: `已签收，共 ${batch.caseCount} 份` });
  await openInspection(db, qa, { period: monthBefore, sampleSize: 2 });
}
