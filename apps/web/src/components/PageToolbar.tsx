import { PlusOutlined } from "@ant-design/icons";
import { Button, Input, Typography } from "antd";
import type { ReactNode } from "react";
import type { ActiveFilter } from "../api/types";
import { ActiveFilterSelect } from "./ActiveFilterSelect";

interface PageToolbarProps {
  title: ReactNode;
  /** A free-text search; the text is trimmed before it is searched for. */
  search?: { placeholder: string; width: number; onSearch: (text: string) => void };
  /** The active/inactive filter, shown after the other filters. */
  active: { value: ActiveFilter; onChange: (value: ActiveFilter) => void };
  /** The "new" button; null for users who may not create records. */
  create: { label: string; onClick: () => void } | null;
  /** Further filters, between the search and the active filter. */
  children?: ReactNode;
}

/** The header of a record list: title, filters and the "new" button, in the same order on every list. */
export function PageToolbar({ title, search, active, create, children }: PageToolbarProps) {
  return (
    <div className="page-toolbar">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <span className="page-toolbar-spacer" />
      {search ? (
        <Input.Search
          allowClear
          placeholder={search.placeholder}
          aria-label={search.placeholder}
          onSearch={(value) => search.onSearch(value.trim())}
          style={{ width: search.width }}
        />
      ) : null}
      {children}
      <ActiveFilterSelect value={active.value} onChange={active.onChange} />
      {create ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={create.onClick}>
          {create.label}
        </Button>
      ) : null}
    </div>
  );
}
