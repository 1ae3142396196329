import { describe, expect, it } from "vitest";
import { flattenResources, RESOURCES } from "./resources";

describe("translations", () => {
  const chinese = flattenResources(RESOURCES["zh-CN"]);
  const english = flattenResources(RESOURCES.en);

  it("have the same keys in Chinese and English, so no screen falls back to the other language", () => {
    expect([...english.keys()].sort()).toEqual([...chinese.keys()].sort());
  });

  it("have no empty or non-text values", () => {
    for (const [language, flat] of [
      ["zh-CN", chinese],
      ["en", english],
    ] as const) {
      for (const [key, value] of flat) {
        expect(typeof value, `${language} ${key}`).toBe("string");
        expect(String(value).trim(), `${language} ${key}`).not.toBe("");
      }
    }
  });

  it("use the same interpolation placeholders in both languages", () => {
    const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of chinese) {
      expect(placeholders(english.get(key)), key).toEqual(placeholders(value));
    }
  });

  it("are Chinese in the default file", () => {
    expect(RESOURCES["zh-CN"].app.name).toBe("物业服务台");
  });
});
