import { type CaseSummary, ERRORS, type ErrorCode, type Locale, similarCaseSchema } from "@estate-desk/domain";

/** Codes the client itself produces when no error body from the server is available. */
export type ClientErrorCode = "NETWORK_ERROR";

export interface ApiErrorInit {
  status: number;
  code: ErrorCode | ClientErrorCode;
  message: string;
  messageEn: string;
  details?: unknown;
}

/** A failed API call, carrying the server's bilingual message and details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.messageEn = init.messageEn;
    this.details = init.details;
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERRORS, value);
}

/**
 * Builds the ApiError for a response whose body may or may not be our error envelope
 * (a reverse proxy answering 502 sends HTML, for example).
 */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  if (body !== null && typeof body === "object" && "error" in body) {
    const error: unknown = body.error;
    if (error !== null && typeof error === "object" && "code" in error && isErrorCode(error.code)) {
      const fallback = ERRORS[error.code];
      return new ApiError({
        status,
        code: error.code,
        message: "message" in error && typeof error.message === "string" ? error.message : fallback.zh,
        messageEn: "messageEn" in error && typeof error.messageEn === "string" ? error.messageEn : fallback.en,
        details: "details" in error ? error.details : undefined,
      });
    }
  }
  const code: ErrorCode =
    status === 401
      ? "UNAUTHENTICATED"
      : status === 403
        ? "FORBIDDEN"
        : status === 404
          ? "NOT_FOUND"
          : status === 413
            ? "PAYLOAD_TOO_LARGE"
            : status === 429
              ? "RATE_LIMITED"
              : status === 503
                ? "SERVICE_UNAVAILABLE"
                : "INTERNAL";
  return new ApiError({ status, code, message: ERRORS[code].zh, messageEn: ERRORS[code].en });
}

export interface ErrorTexts {
  /** Shown when the server could not be reached at all. */
  network: string;
  /** Shown for anything that is not an API error (a bug in the client, most likely). */
  unknown: string;
}

/** What to tell the user about a failure, in the current language. */
export function errorMessage(error: unknown, locale: Locale, texts: ErrorTexts): string {
  if (error instanceof ApiError) {
    if (error.code === "NETWORK_ERROR") return texts.network;
    const text = locale === "en" ? error.messageEn : error.message;
    return text === "" ? texts.unknown : text;
  }
  return texts.unknown;
}

/** One row error of a spreadsheet import (422 IMPORT_INVALID). */
export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
  messageEn: string;
}

/** The per-row errors of an IMPORT_INVALID answer; empty for any other error. */
export function importErrorsOf(error: unknown): ImportRowError[] {
  if (!(error instanceof ApiError) || error.code !== "IMPORT_INVALID") return [];
  const details = error.details;
  if (details === null || typeof details !== "object" || !("errors" in details) || !Array.isArray(details.errors)) {
    return [];
  }
  const rows: ImportRowError[] = [];
  for (const item of details.errors as unknown[]) {
    if (item === null || typeof item !== "object") continue;
    const row = "row" in item && typeof item.row === "number" ? item.row : 0;
    const column = "column" in item && typeof item.column === "string" ? item.column : null;
    const message = "message" in item && typeof item.message === "string" ? item.message : "";
    const messageEn = "messageEn" in item && typeof item.messageEn === "string" ? item.messageEn : message;
    rows.push({ row, column, message, messageEn });
  }
  return rows;
}

/** The field named by a 409 DUPLICATE (`details.field`), if any. */
export function duplicateFieldOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== "DUPLICATE") return null;
  const details = error.details;
  if (details !== null && typeof details === "object" && "field" in details && typeof details.field === "string") {
    return details.field;
  }
  return null;
}

/**
 * The body fields a 400 VALIDATION_FAILED complains about. Paths look like
 * `body/phone` or `/units/0/unitId`; the first segment after `body` names the field.
 */
export function invalidFieldsOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== "VALIDATION_FAILED") return [];
  const details = error.details;
  if (details === null || typeof details !== "object" || !("issues" in details) || !Array.isArray(details.issues)) {
    return [];
  }
  const fields = new Set<string>();
  for (const issue of details.issues as unknown[]) {
    if (issue === null || typeof issue !== "object" || !("path" in issue) || typeof issue.path !== "string") continue;
    const segments = issue.path.split(/[/.]/).filter((segment) => segment !== "" && segment !== "body");
    const first = segments[0];
    if (first !== undefined) fields.add(first);
  }
  return [...fields];
}

/** An open case the server pointed out as possibly the same one (409 SIMILAR_CASE). */
export type SimilarCase = Pick<
  CaseSummary,
  "id" | "number" | "kind" | "status" | "receivedAt" | "categoryName" | "content"
>;

/**
 * The similar open cases of a 409 SIMILAR_CASE (`details.similar`), or null for any other
 * error: null means "not this situation", an empty list would still ask for confirmation.
 */
export function similarCasesOf(error: unknown): SimilarCase[] | null {
  if (!(error instanceof ApiError) || error.code !== "SIMILAR_CASE") return null;
  const details = error.details;
  const similar = details !== null && typeof details === "object" && "similar" in details ? details.similar : [];
  const parsed = similarCaseSchema.array().safeParse(similar);
  return parsed.success ? parsed.data : [];
}
