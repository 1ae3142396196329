/**
 * The machine codes of every error the API returns, with the HTTP status and the message
 * in Chinese and English. Errors reach the client as
 * `{ "error": { "code", "message", "messageEn", "details" } }`.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: "提交的数据不符合要求", en: "The request data is invalid" },
  BAD_CURSOR: { status: 400, zh: "分页游标无效", en: "The paging cursor is invalid" },
  PASSWORD_TOO_WEAK: {
    status: 400,
    zh: "密码至少 10 位，且需同时包含字母和数字",
    en: "The password needs at least 10 characters with letters and digits",
  },
  WRONG_PASSWORD: { status: 400, zh: "当前密码不正确", en: "The current password is wrong" },
  UNAUTHENTICATED: { status: 401, zh: "请先登录", en: "Please sign in" },
  INVALID_CREDENTIALS: {
    status: 401,
    zh: "用户名或密码错误",
    en: "Wrong user name or password",
  },
  FORBIDDEN: { status: 403, zh: "没有执行此操作的权限", en: "You are not allowed to do this" },
  CSRF_FAILED: {
    status: 403,
    zh: "请求校验失败，请刷新页面后重试",
    en: "The request could not be verified; reload the page and try again",
  },
  NOT_FOUND: { status: 404, zh: "找不到该记录", en: "The record was not found" },
  ROUTE_NOT_FOUND: { status: 404, zh: "接口不存在", en: "No such API route" },
  DUPLICATE: { status: 409, zh: "已存在相同的记录", en: "A record with the same key already exists" },
  IN_USE: {
    status: 409,
    zh: "该记录已被引用，只能停用，不能删除",
    en: "The record is referenced elsewhere; deactivate it instead of deleting it",
  },
  INACTIVE_REFERENCE: {
    status: 409,
    zh: "引用的记录已停用",
    en: "The referenced record is deactivated",
  },
  SELF_LOCKOUT: {
    status: 409,
    zh: "不能停用自己的账号或移除自己的管理员角色",
    en: "You cannot deactivate yourself or remove your own administrator role",
  },
  SIMILAR_CASE: {
    status: 409,
    zh: "该房屋近 7 天内已有同类未结案件，请确认是否重复",
    en: "The unit has a similar open case from the last 7 days; confirm this is not a duplicate",
  },
  INVALID_TRANSITION: {
    status: 409,
    zh: "当前状态下不能执行此操作",
    en: "This action is not possible in the record's current state",
  },
  QUOTE_NOT_APPROVED: {
    status: 409,
    zh: "有偿维修的报价尚未经客户签字确认，不能开始施工",
    en: "The customer has not approved the paid repair's quote with a signature; work cannot start",
  },
  NOT_CHARGEABLE: {
    status: 409,
    zh: "公共区域和保修期内的维修免费，不能收费",
    en: "Public-area and warranty repairs are free and cannot carry a charge",
  },
  CALLBACK_REQUIRED: {
    status: 409,
    zh: "投诉需先完成回访（已联系上住户）或登记免回访并附书面答复后才能关闭",
    en: "The complaint closes only after a callback that reached the resident, or an exemption with its reply letter",
  },
  RECORD_HANDED_OVER: {
    status: 409,
    zh: "该记录已移交品质管理部，不能再修改；如需更正请添加补充说明",
    en: "This record has been handed over to QA and can no longer be changed; add an addendum to correct it",
  },
  RETENTION_ACTIVE: {
    status: 409,
    zh: "该记录仍在保存期内或尚未关闭，不能删除",
    en: "This record is still within its retention period or not closed, and cannot be deleted",
  },
  SETUP_DONE: {
    status: 409,
    zh: "系统已初始化，不能重复创建首个管理员",
    en: "The system is already set up; the first administrator exists",
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: "上传内容过大", en: "The upload is too large" },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: "不支持的文件或内容类型",
    en: "Unsupported file or content type",
  },
  IMPORT_INVALID: {
    status: 422,
    zh: "导入文件有错误，未导入任何数据",
    en: "The import file has errors; nothing was imported",
  },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: "登录失败次数过多，账号已临时锁定，请稍后再试",
    en: "Too many failed sign-ins; the account is locked for a while",
  },
  RATE_LIMITED: { status: 429, zh: "请求过于频繁，请稍后再试", en: "Too many requests; try again later" },
  INTERNAL: { status: 500, zh: "服务器内部错误", en: "Internal server error" },
  SERVICE_UNAVAILABLE: { status: 503, zh: "服务暂不可用", en: "Service unavailable" },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    messageEn: string;
    details?: unknown;
  };
}
