import { describe, expect, it } from "vitest";
import { photoFileProblem, photosThatFit } from "./photoFiles";

describe("photo files", () => {
  it("accept JPEG, PNG and WebP up to 10 MB", () => {
    expect(photoFileProblem({ type: "image/jpeg", size: 3_000_000 })).toBeNull();
    expect(photoFileProblem({ type: "image/webp", size: 10 * 1024 * 1024 })).toBeNull();
    expect(photoFileProblem({ type: "image/heic", size: 1000 })).toBe("type");
    expect(photoFileProblem({ type: "application/pdf", size: 1000 })).toBe("type");
    expect(photoFileProblem({ type: "image/png", size: 10 * 1024 * 1024 + 1 })).toBe("size");
  });

  it("take only as many as still fit", () => {
    expect(photosThatFit(["a", "b", "c"], 7, 9)).toEqual({ accepted: ["a", "b"], dropped: 1 });
    expect(photosThatFit(["a"], 9, 9)).toEqual({ accepted: [], dropped: 1 });
    expect(photosThatFit(["a"], 0, 9)).toEqual({ accepted: ["a"], dropped: 0 });
  });
});
