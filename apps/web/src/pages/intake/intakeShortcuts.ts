import type { CaseKind } from "@estate-desk/domain";

export type IntakeShortcut = { type: "kind"; kind: CaseKind } | { type: "save" } | { type: "lookup" };

export interface KeyEventLike {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/**
 * The keys of the phone intake screen. Kinds use Alt + the pinyin initial of the case
 * number prefix (T 投诉 TS, B 报修 BX, J 建议 JY): Alt+digits switch browser tabs on Linux
 * and Ctrl+digits on Windows. `code` is read rather than `key` because Option+T on a Mac
 * types "†".
 */
export const KIND_SHORTCUT_KEYS: Record<CaseKind, string> = { complaint: "T", repair: "B", suggestion: "J" };

export function intakeShortcut(event: KeyEventLike): IntakeShortcut | null {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey) return { type: "save" };
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  switch (event.code) {
    case "KeyT":
      return { type: "kind", kind: "complaint" };
    case "KeyB":
      return { type: "kind", kind: "repair" };
    case "KeyJ":
      return { type: "kind", kind: "suggestion" };
    case "KeyL":
      return { type: "lookup" };
    default:
      return null;
  }
}
