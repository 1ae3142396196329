import { isStrongPassword, PHONE_PATTERN } from "@estate-desk/domain";
import type { FormInstance } from "antd";
import type { Rule } from "antd/es/form";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { duplicateFieldOf, invalidFieldsOf } from "../api/errors";

const CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,40}$/;

/** The same phone normalisation as the server: spaces do not count. */
export function normalisePhone(value: string): string {
  return value.replace(/\s/g, "");
}

/** Client-side checks mirroring the domain schemas, so most mistakes are caught before a round trip. */
export function useRules() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      required: (field: string): Rule => ({
        required: true,
        whitespace: true,
        message: t("validation.required", { field }),
      }),
      select: (field: string): Rule => ({ required: true, message: t("validation.select", { field }) }),
      max: (max: number): Rule => ({ max, message: t("validation.maxLength", { max }) }),
      code: { pattern: CODE_PATTERN, message: t("validation.code") } satisfies Rule,
      username: { pattern: USERNAME_PATTERN, message: t("validation.username") } satisfies Rule,
      email: { type: "email", message: t("validation.email") } satisfies Rule,
      phone: {
        validator: async (_rule: unknown, value: unknown) => {
          if (typeof value !== "string" || value.trim() === "") return;
          if (!PHONE_PATTERN.test(normalisePhone(value))) throw new Error(t("validation.phone"));
        },
      } satisfies Rule,
      strongPassword: {
        validator: async (_rule: unknown, value: unknown) => {
          if (typeof value !== "string" || value === "") return;
          if (!isStrongPassword(value)) throw new Error(t("validation.passwordWeak"));
        },
      } satisfies Rule,
      /** The confirmation field must equal `otherField`. */
      sameAs:
        (otherField: string): Rule =>
        ({ getFieldValue }) => ({
          validator: async (_rule: unknown, value: unknown) => {
            if (value && value !== getFieldValue(otherField)) throw new Error(t("validation.passwordMismatch"));
          },
        }),
    }),
    [t],
  );
}

/** `""` from an optional text input means "no value"; the API wants null. */
export function emptyToNull(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * Puts a server refusal next to the field it concerns (409 DUPLICATE names its field,
 * 400 VALIDATION_FAILED lists paths). Returns whether any field was marked.
 */
export function useServerFieldErrors() {
  const { t } = useTranslation();
  return (form: FormInstance, error: unknown, labels: Record<string, string>, generic: string) => {
    const duplicate = duplicateFieldOf(error);
    if (duplicate !== null && duplicate in labels) {
      form.setFields([
        { name: duplicate, errors: [t("validation.duplicate", { field: labels[duplicate] ?? duplicate })] },
      ]);
      return true;
    }
    const invalid = invalidFieldsOf(error).filter((field) => field in labels);
    if (invalid.length > 0) {
      form.setFields(invalid.map((field) => ({ name: field, errors: [generic] })));
      return true;
    }
    return false;
  };
}
