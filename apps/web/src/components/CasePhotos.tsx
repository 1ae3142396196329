import type { CasePhoto } from "@estate-desk/domain";
import { Image, Typography } from "antd";
import { useTranslation } from "react-i18next";

/**
 * A case's photos as thumbnails; clicking one opens the preview with the others beside it.
 * Only the id and address are needed, so a dispatch order's photos show the same way.
 */
export function CasePhotos({ photos }: { photos: readonly Pick<CasePhoto, "fileId" | "url">[] }) {
  const { t } = useTranslation();
  if (photos.length === 0) return <Typography.Text type="secondary">{t("photos.none")}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <div className="photo-grid">
        {photos.map((photo, index) => (
          <div className="photo-thumb" key={photo.fileId}>
            <Image src={photo.url} alt={t("photos.alt", { index: index + 1 })} width={88} height={88} />
          </div>
        ))}
      </div>
    </Image.PreviewGroup>
  );
}
