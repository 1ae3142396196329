import { type CaseComment, type CaseEvent, type CasePhoto, type CaseSummary, unitLabel } from "@estate-desk/domain";
import type { UploadTable } from "../db/schema.js";
import type { CaseSummaryRow } from "./cases.repository.js";

export function presentSummary(row: CaseSummaryRow): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    channel: row.channel,
    receivedAt: row.received_at,
    estateId: row.estate_id,
    estateName: row.estate_name,
    unitId: row.unit_id,
    unitLabel: row.building_name && row.unit_number ? unitLabel(row.building_name, row.unit_number) : null,
    publicArea: row.public_area,
    residentId: row.resident_id,
    contactName: row.resident_name ?? row.visitor_name,
    contactPhone: row.resident_phone ?? row.visitor_phone,
    categoryId: row.category_id,
    categoryName: row.category_name,
    urgency: row.urgency,
    departmentId: row.department_id,
    departmentName: row.department_name,
    receivedByName: row.received_by_name,
    forwardedByName: row.forwarded_by_name,
    content: row.content,
    duplicateOfId: row.duplicate_of_id,
  };
}

/** Photos are served through the case (or the resident's portal case), whose visibility they share. */
export function presentPhoto(upload: UploadTable, basePath: string): CasePhoto {
  return {
    fileId: upload.id,
    fileName: upload.file_name,
    contentType: upload.content_type,
    size: upload.size,
    width: upload.width,
    height: upload.height,
    url: `${basePath}/photos/${upload.id}`,
  };
}

export function presentEvent(row: {
  id: string;
  at: string;
  type: string;
  data_json: string;
  actor_name: string | null;
}): CaseEvent {
  return { id: row.id, at: row.at, type: row.type, actorName: row.actor_name, data: JSON.parse(row.data_json) };
}

export function presentComment(row: {
  id: string;
  visibility: CaseComment["visibility"];
  body: string;
  created_at: string;
  author_name: string;
}): CaseComment {
  return {
    id: row.id,
    visibility: row.visibility,
    body: row.body,
    authorName: row.author_name,
    createdAt: row.created_at,
  };
}
