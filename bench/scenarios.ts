/**
 * The benchmark scenarios (issue #6 item 2), one entry each: what autocannon sends. A new
 * scenario is one more entry in SCENARIOS, optionally with a fixture query in loadFixture.
 */
import type autocannon from "autocannon";

export interface IntakeFixture {
  orgId: string;
  userId: string;
  categoryId: string;
  departmentId: string;
  units: { id: string; estateId: string; estateCode: string; residentId: string; phone: string }[];
}

export interface Fixture extends IntakeFixture {
  estateIds: string[];
  caseIds: string[];
}

export interface Scenario {
  name: string;
  /** The request(s) autocannon sends; `setupRequest` may vary each one. */
  requests(fixture: Fixture): autocannon.Request[];
  /** Status codes that count as success (others are reported as errors). */
  expectStatus: number;
  /** Who sends the requests: a customer-service agent unless the route needs another role. */
  signInAs?: "cs_agent" | "qa";
}

/** The last full calendar month before today, as the statistics filter takes it. */
function lastMonth(): { from: string; to: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

let counter = 0;
const pickOf = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

export const SCENARIOS: Scenario[] = [
  {
    // a phone complaint registered and routed to its department, the full path.
    name: "intake",
    expectStatus: 201,
    requests: (fixture) => [
      {
        method: "POST",
        path: "/api/cases",
        setupRequest: (request) => {
          const unit = pickOf(fixture.units);
          counter += 1;
          return {
            ...request,
            body: JSON.stringify({
              kind: "complaint",
              estateId: unit.estateId,
              channel: "phone",
              residentId: unit.residentId,
              unitId: unit.id,
              categoryId: fixture.categoryId,
              content: `楼上装修噪音扰民，请尽快处理（基准 ${counter}）`,
              similarCasesAcknowledged: true,
            }),
          };
        },
      },
    ],
  },
  {
    // The register filtered to one estate's repairs, newest first, one page of 50.
    name: "register",
    expectStatus: 200,
    requests: (fixture) => [
      {
        method: "GET",
        setupRequest: (request) => ({
          ...request,
          path: `/api/cases?estateId=${pickOf(fixture.estateIds)}&kind=repair&limit=50`,
        }),
      },
    ],
  },
  {
    // A two-character Chinese term over every case of the organisation.
    name: "search",
    expectStatus: 200,
    requests: () => [{ method: "GET", path: `/api/cases?q=${encodeURIComponent("漏水")}&limit=50` }],
  },
  {
    // One case with its form sections, timeline and comments.
    name: "detail",
    expectStatus: 200,
    requests: (fixture) => [
      {
        method: "GET",
        setupRequest: (request) => ({ ...request, path: `/api/cases/${pickOf(fixture.caseIds)}` }),
      },
    ],
  },
  {
    // Issue #8 item 3: one organisation's monthly statistics, as QA opens the dashboard.
    name: "stats",
    expectStatus: 200,
    signInAs: "qa",
    requests: () => {
      const { from, to } = lastMonth();
      return [{ method: "GET", path: `/api/stats?from=${from}&to=${to}&groupBy=estate` }];
    },
  },
];
