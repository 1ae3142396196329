import { CameraOutlined, DeleteOutlined, PictureOutlined } from "@ant-design/icons";
import { MAX_CASE_PHOTOS, type Upload } from "@estate-desk/domain";
import { Button, Image, Space, Spin, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { uploadPhoto } from "../api/cases";
import { useFeedback } from "./feedback";
import { photoFileProblem, photosThatFit } from "./photoFiles";

interface PhotoUploaderProps {
  /** antd Form passes the value and onChange. */
  value?: Upload[];
  onChange?: (uploads: Upload[]) => void;
  max?: number;
  /** Offer the phone's camera as well as the gallery (residents on their phones). */
  camera?: boolean;
  id?: string;
}

/**
 * Photos uploaded as soon as they are chosen, shown as thumbnails; the form then sends only
 * their ids. The gallery and the camera are two inputs because `capture` makes a phone open
 * the camera directly, with no way to pick an existing picture.
 */
export function PhotoUploader({ value, onChange, max = MAX_CASE_PHOTOS, camera = false, id }: PhotoUploaderProps) {
  const { t } = useTranslation();
  const { failure, message } = useFeedback();
  const galleryRef = useRef<HTMLInputElement>(null);
  const cameraRef = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(0);
  const uploads = value ?? [];
  // Uploads finish one by one after the render that started them; the latest list lives here.
  const latest = useRef<Upload[]>(uploads);
  latest.current = uploads;

  const add = async (list: FileList | null) => {
    const files = [...(list ?? [])];
    const usable = files.filter((file) => {
      const problem = photoFileProblem(file);
      if (problem === "type") void message.error(t("photos.wrongType", { name: file.name }));
      if (problem === "size") void message.error(t("photos.tooLarge", { name: file.name }));
      return problem === null;
    });
    const { accepted, dropped } = photosThatFit(usable, latest.current.length + pending, max);
    if (dropped > 0) void message.warning(t("photos.tooMany", { max }));
    setPending((count) => count + accepted.length);
    for (const file of accepted) {
      try {
        const upload = await uploadPhoto(file);
        const next = [...latest.current, upload];
        latest.current = next;
        onChange?.(next);
      } catch (error) {
        failure(error);
      } finally {
        setPending((count) => count - 1);
      }
    }
  };

  const remove = (uploadId: string) => {
    const next = latest.current.filter((upload) => upload.id !== uploadId);
    latest.current = next;
    onChange?.(next);
  };

  const full = uploads.length + pending >= max;
  return (
    <div id={id} className="photo-uploader">
      <Image.PreviewGroup>
        <div className="photo-grid">
          {uploads.map((upload, index) => (
            <div className="photo-thumb" key={upload.id}>
              <Image src={upload.url} alt={t("photos.alt", { index: index + 1 })} width={88} height={88} />
              <Button
                className="photo-remove"
                size="small"
                shape="circle"
                danger
                icon={<DeleteOutlined />}
                aria-label={t("photos.remove", { index: index + 1 })}
                onClick={() => remove(upload.id)}
              />
            </div>
          ))}
          {pending > 0 ? (
            <div className="photo-thumb photo-pending" role="status" aria-label={t("photos.uploading")}>
              <Spin />
            </div>
          ) : null}
        </div>
      </Image.PreviewGroup>
      <Space wrap style={{ marginTop: uploads.length + pending > 0 ? 8 : 0 }}>
        {camera ? (
          <Button icon={<CameraOutlined />} disabled={full} onClick={() => cameraRef.current?.click()}>
            {t("photos.takePhoto")}
          </Button>
        ) : null}
        <Button icon={<PictureOutlined />} disabled={full} onClick={() => galleryRef.current?.click()}>
          {camera ? t("photos.fromGallery") : t("photos.add")}
        </Button>
        <Typography.Text type="secondary">{t("photos.hint", { count: uploads.length, max })}</Typography.Text>
      </Space>
      <input
        ref={galleryRef}
        type="file"
        accept="image/*"
        multiple
        className="visually-hidden-input"
        aria-label={t("photos.fromGallery")}
        onChange={(event) => {
          void add(event.currentTarget.files);
          // The same file may be picked again after removing it.
          event.currentTarget.value = "";
        }}
      />
      {camera ? (
        <input
          ref={cameraRef}
          type="file"
          accept="image/*"
          capture="environment"
          className="visually-hidden-input"
          aria-label={t("photos.takePhoto")}
          onChange={(event) => {
            void add(event.currentTarget.files);
            event.currentTarget.value = "";
          }}
        />
      ) : null}
    </div>
  );
}
