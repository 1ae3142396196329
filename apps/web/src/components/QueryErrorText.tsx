import { Typography } from "antd";
import { useErrorText } from "./feedback";

/** Why a list could not be loaded, above the (then empty) table; nothing while it loads or loaded. */
export function QueryErrorText({ query }: { query: { isError: boolean; error: unknown } }) {
  const errorText = useErrorText();
  return query.isError ? <Typography.Text type="danger">{errorText(query.error)}</Typography.Text> : null;
}
