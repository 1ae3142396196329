import type { CaseSummary, Statistics, StatsFigure } from "@estate-desk/domain";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiGet, type QueryValue, toQueryString } from "./client";
import { apiErrorFromBody } from "./errors";

const STATS = ["stats"] as const;

export interface StatsParams extends Record<string, QueryValue> {
  from: string;
  to: string;
  estateId?: string;
  departmentId?: string;
  categoryId?: string;
  channel?: string;
  kind?: string;
  workerId?: string;
  groupBy?: string;
}

/** GET /api/stats (issue #8): every figure of the dashboard for a period and filters. */
export function useStatistics(params: StatsParams, enabled = true) {
  return useQuery({
    queryKey: [...STATS, params],
    queryFn: ({ signal }) => apiGet<Statistics>("/api/stats", params, signal),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export interface FigureQuery {
  figure: StatsFigure;
  key?: string;
  /** Narrower filters than the dashboard's, e.g. one estate of the groups chart or one day of the trend. */
  overrides?: Partial<StatsParams>;
}

/** The drill-down: the cases behind one figure, cursor-paged. */
export function useFigureCases(params: StatsParams, figure: FigureQuery | null) {
  const query = {
    ...params,
    groupBy: undefined,
    ...(figure?.overrides ?? {}),
    figure: figure?.figure,
    key: figure?.key,
  };
  const result = useInfiniteQuery({
    queryKey: [...STATS, "cases", query],
    queryFn: ({ pageParam, signal }) =>
      apiGet<{ total: number; items: CaseSummary[]; nextCursor: string | null }>(
        "/api/stats/cases",
        { ...query, cursor: pageParam, limit: 50 },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: figure !== null,
  });
  return {
    ...result,
    items: result.data?.pages.flatMap((page) => page.items) ?? [],
    total: result.data?.pages[0]?.total ?? 0,
  };
}

/**
 * Downloads a streamed export, reporting the bytes received and the rows the server announced
 * (X-Export-Rows), so that a long export shows progress instead of a frozen button.
 */
export async function downloadWithProgress(
  path: string,
  query: Record<string, QueryValue>,
  fileName: string,
  onProgress: (progress: { bytes: number; rows: number | null }) => void,
  signal?: AbortSignal,
): Promise<void> {
  const response = await fetch(`${path}${toQueryString(query)}`, { credentials: "same-origin", signal });
  if (!response.ok || !response.body) {
    throw apiErrorFromBody(response.status, await response.json().catch(() => null));
  }
  const rowsHeader = response.headers.get("x-export-rows");
  const rows = rowsHeader === null ? null : Number(rowsHeader);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.length;
    onProgress({ bytes, rows });
  }
  const blob = new Blob(chunks as BlobPart[], { type: response.headers.get("content-type") ?? undefined });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface MonthlyReportEntry {
  id: string;
  month: string;
  generatedAt: string;
  sha256: string;
  size: number;
}

/** The monthly reports the scheduled job kept. */
export function useMonthlyReports() {
  return useQuery({
    queryKey: [...STATS, "monthly-reports"],
    queryFn: ({ signal }) => apiGet<{ items: MonthlyReportEntry[] }>("/api/reports/monthly", undefined, signal),
  });
}

export interface RegisterImportResult {
  dryRun: boolean;
  rowCount: number;
  imported: number;
}

/**
 * POST /api/register/import with upload progress (XMLHttpRequest reports it, fetch does not).
 * Resolves with the result; rejects with the API error (422 carries the row errors).
 */
export function uploadRegisterImport(
  file: File,
  dryRun: boolean,
  csrfToken: string,
  onProgress: (percent: number) => void,
): Promise<RegisterImportResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/register/import?dryRun=${dryRun ? "true" : "false"}`);
    request.setRequestHeader("X-CSRF-Token", csrfToken);
    request.setRequestHeader("Accept", "application/json");
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status === 200) resolve(body as RegisterImportResult);
      else reject(apiErrorFromBody(request.status, body));
    };
    request.onerror = () => reject(apiErrorFromBody(0, null));
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}
