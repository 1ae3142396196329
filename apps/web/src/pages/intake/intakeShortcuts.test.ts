import { describe, expect, it } from "vitest";
import { intakeShortcut, type KeyEventLike } from "./intakeShortcuts";

function key(init: Partial<KeyEventLike>): KeyEventLike {
  return { key: "", code: "", altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...init };
}

describe("intake keyboard shortcuts", () => {
  it("save with Ctrl+Enter (Cmd+Enter on a Mac)", () => {
    expect(intakeShortcut(key({ key: "Enter", ctrlKey: true }))).toEqual({ type: "save" });
    expect(intakeShortcut(key({ key: "Enter", metaKey: true }))).toEqual({ type: "save" });
    expect(intakeShortcut(key({ key: "Enter" }))).toBeNull();
  });

  it("pick the kind with Alt and the initial of its number prefix, whatever the key types", () => {
    expect(intakeShortcut(key({ key: "t", code: "KeyT", altKey: true }))).toEqual({ type: "kind", kind: "complaint" });
    expect(intakeShortcut(key({ key: "∫", code: "KeyB", altKey: true }))).toEqual({ type: "kind", kind: "repair" });
    expect(intakeShortcut(key({ key: "j", code: "KeyJ", altKey: true }))).toEqual({ type: "kind", kind: "suggestion" });
    expect(intakeShortcut(key({ key: "l", code: "KeyL", altKey: true }))).toEqual({ type: "lookup" });
  });

  it("leave plain typing and other combinations alone", () => {
    expect(intakeShortcut(key({ key: "t", code: "KeyT" }))).toBeNull();
    expect(intakeShortcut(key({ key: "T", code: "KeyT", altKey: true, shiftKey: true }))).toBeNull();
    expect(intakeShortcut(key({ key: "t", code: "KeyT", altKey: true, ctrlKey: true }))).toBeNull();
    expect(intakeShortcut(key({ key: "x", code: "KeyX", altKey: true }))).toBeNull();
  });
});
