import { type ApiErrorBody, ERRORS, type ErrorCode } from "@estate-desk/domain";

/** An expected failure: becomes a 4xx (or 503) with the bilingual message of its code. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, details?: unknown) {
    super(ERRORS[code].en);
    this.name = "AppError";
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }
}

export function errorBody(code: ErrorCode, details?: unknown): ApiErrorBody {
  const entry = ERRORS[code];
  return {
    error: {
      code,
      message: entry.zh,
      messageEn: entry.en,
      ...(details === undefined ? {} : { details }),
    },
  };
}

export function notFound(entity: string, id?: string): AppError {
  return new AppError("NOT_FOUND", { entity, ...(id ? { id } : {}) });
}
