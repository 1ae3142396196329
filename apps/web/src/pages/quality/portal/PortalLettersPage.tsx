import { List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePortalOpenLetter, usePortalOpenLetters } from "../../../api/quality";
import { PageLoading } from "../../../components/PageLoading";
import { QueryErrorText } from "../../../components/QueryErrorText";
import { LetterNotice } from "../LetterNotice";
import { useWhen } from "../shared";

/** The resident's notices: open letters published to their estates. */
export function PortalLettersPage() {
  const { t } = useTranslation();
  const letters = usePortalOpenLetters();
  const when = useWhen();
  return (
    <>
      <Typography.Title level={3}>{t("quality.letters.portalTitle")}</Typography.Title>
      <QueryErrorText query={letters} />
      <List
        loading={letters.isLoading}
        dataSource={letters.data ?? []}
        locale={{ emptyText: t("quality.letters.portalEmpty") }}
        renderItem={(letter) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/portal/letters/${letter.id}`}>{letter.title}</Link>}
              description={`${letter.estateNames.join("、")} · ${when(letter.publishedAt)}`}
            />
          </List.Item>
        )}
      />
    </>
  );
}

export function PortalLetterPage() {
  const { id } = useParams();
  const letter = usePortalOpenLetter(id);
  const when = useWhen();
  if (letter.isLoading) return <PageLoading />;
  if (!letter.data) return <QueryErrorText query={letter} />;
  return (
    <LetterNotice
      title={letter.data.title}
      bodyHtml={letter.data.bodyHtml}
      organisationName={letter.data.organisationName}
      date={when(letter.data.publishedAt)}
    />
  );
}
