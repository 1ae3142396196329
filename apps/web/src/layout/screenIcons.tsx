import {
  AppstoreOutlined,
  ClusterOutlined,
  DatabaseOutlined,
  HomeOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { ScreenKey } from "./menu";

export const SCREEN_ICONS: Record<ScreenKey | "basics", ReactNode> = {
  home: <AppstoreOutlined />,
  basics: <DatabaseOutlined />,
  estates: <HomeOutlined />,
  residents: <TeamOutlined />,
  departments: <ClusterOutlined />,
  trades: <ToolOutlined />,
  categories: <TagsOutlined />,
  users: <UserOutlined />,
  organisation: <SettingOutlined />,
};
