/**
 * Staff of every role (§3.0) scoped as a group of ~120 estates would be: customer service and
 * departments across all estates, repair teams per cluster of estates, plus resident accounts
 * for a sample of residents. Benchmarks sign in as the first user of a role (`bench_cs_agent_1`).
 */
import type { Role } from "@estate-desk/domain";
import { newAccountRow } from "../../../apps/server/src/auth/accounts.js";
import { hashPassword } from "../../../apps/server/src/auth/password.js";
import { chinesePersonName } from "../../../apps/server/src/demo/generators.js";
import type { Row } from "../sink.js";
import type { SetupPart, World } from "../world.js";

/** The sign-in name of the n-th (1-based) generated staff member of a role. */
export function benchUsername(role: Role, n = 1): string {
  return `bench_${role}_${n}`;
}

export const BENCH_PASSWORD = "bench123456";
const ESTATES_PER_REPAIR_TEAM = 4;
const RESIDENT_ACCOUNTS = 2_000;

export const staffPart: SetupPart = {
  name: "staff of every role and resident accounts",
  async run(world, sink) {
    const passwordHash = await hashPassword(world.password);
    const users: Row[] = [];
    const roles: Row[] = [];
    const estates: Row[] = [];
    const departments: Row[] = [];
    const trades: Row[] = [];
    const counters = new Map<Role, number>();
    const add = (
      role: Role,
      options: { department?: string; estateIds?: string[]; tradeCodes?: string[]; residentId?: string } = {},
    ) => {
      const n = (counters.get(role) ?? 0) + 1;
      counters.set(role, n);
      const resident = options.residentId ? world.residents.get(options.residentId) : undefined;
      const user = newAccountRow({
        orgId: world.orgId,
        username: benchUsername(role, n),
        displayName: resident?.name ?? chinesePersonName(world.random),
        passwordHash,
        kind: role === "resident" ? "resident" : "staff",
        phone: resident?.phone ?? null,
        residentId: options.residentId ?? null,
        allEstates: role !== "resident" && !options.estateIds,
      });
      users.push(user as unknown as Row);
      roles.push({ user_id: user.id, org_id: world.orgId, role });
      for (const estateId of options.estateIds ?? []) {
        estates.push({ user_id: user.id, org_id: world.orgId, estate_id: estateId });
      }
      const department = options.department ? world.departments.get(options.department) : undefined;
      if (department && options.department) {
        departments.push({ user_id: user.id, org_id: world.orgId, department_id: department.id });
        const members = world.staffOfDepartment.get(options.department) ?? [];
        members.push(user.id);
        world.staffOfDepartment.set(options.department, members);
      }
      for (const code of options.tradeCodes ?? []) {
        const tradeId = world.trades.get(code);
        if (tradeId) trades.push({ user_id: user.id, org_id: world.orgId, trade_id: tradeId });
      }
      const ofRole = world.staff.get(role) ?? [];
      ofRole.push(user.id);
      world.staff.set(role, ofRole);
    };

    add("admin");
    add("admin");
    add("mgmt_rep", { department: "MGMT" });
    for (let i = 0; i < 3; i++) add("qa", { department: "QA" });
    for (let i = 0; i < 4; i++) add("cs_head", { department: "CS" });
    for (let i = 0; i < 40; i++) add("cs_agent", { department: "CS" });
    for (const code of ["SEC", "ENV", "ENG", "QA", "MGMT"]) {
      add("dept_head", { department: code });
      for (let i = 0; i < 6; i++) add("dept_staff", { department: code });
    }
    const tradeCodes = [...world.trades.keys()];
    for (let first = 0; first < world.estates.length; first += ESTATES_PER_REPAIR_TEAM) {
      const estateIds = world.estates.slice(first, first + ESTATES_PER_REPAIR_TEAM).map((estate) => estate.id);
      add("repair_lead", { department: "ENG", estateIds });
      for (const [index, code] of tradeCodes.entries()) {
        add("repair_worker", { department: "ENG", estateIds, tradeCodes: [code] });
        if (index < 2) add("repair_worker", { department: "ENG", estateIds, tradeCodes: [code] });
      }
    }
    const residentIds = [...world.residents.keys()];
    const step = Math.max(1, Math.floor(residentIds.length / RESIDENT_ACCOUNTS));
    for (let i = 0; i < residentIds.length; i += step) add("resident", { residentId: residentIds[i] as string });

    sink.insert("users", users);
    sink.insert("user_roles", roles);
    sink.insert("user_estates", estates);
    sink.insert("user_departments", departments);
    sink.insert("user_trades", trades);
    await sink.flush();
  },
};

/** The repair team leader and workers of an estate (by its index), for work orders. */
export function repairTeamOf(world: World, estateIndex: number): { lead: string; workers: string[] } {
  const team = Math.floor(estateIndex / ESTATES_PER_REPAIR_TEAM);
  const leads = world.staff.get("repair_lead") ?? [];
  const workers = world.staff.get("repair_worker") ?? [];
  const perTeam = workers.length / Math.max(1, leads.length);
  return {
    lead: leads[team] as string,
    workers: workers.slice(Math.round(team * perTeam), Math.round((team + 1) * perTeam)),
  };
}
