import { useTranslation } from "react-i18next";
import "./quality.css";

/**
 * An open letter laid out as a printed notice. `bodyHtml` comes from the server, which keeps
 * only bare allow-listed tags (open-letters/sanitise-html.ts); nothing else is inserted as markup.
 */
export function LetterNotice(props: { title: string; bodyHtml: string; organisationName: string; date: string }) {
  const { t } = useTranslation();
  return (
    <article className="letter-notice">
      <h1>{props.title}</h1>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised to an attribute-free tag allow-list on the server before it was stored. */}
      <div className="letter-notice-body" dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />
      <div className="letter-notice-footer">
        <div>{t("quality.letters.greeting")}</div>
        <div>{props.organisationName}</div>
        <div>{props.date}</div>
      </div>
    </article>
  );
}
