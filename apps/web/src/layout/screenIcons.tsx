import {
  AppstoreOutlined,
  ClusterOutlined,
  CustomerServiceOutlined,
  DatabaseOutlined,
  HomeOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SendOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { ScreenKey } from "./menu";

export const SCREEN_ICONS: Record<ScreenKey | "basics" | "caseWork", ReactNode> = {
  home: <AppstoreOutlined />,
  caseWork: <CustomerServiceOutlined />,
  intake: <PhoneOutlined />,
  register: <ProfileOutlined />,
  forward: <SendOutlined />,
  basics: <DatabaseOutlined />,
  estates: <HomeOutlined />,
  residents: <TeamOutlined />,
  departments: <ClusterOutlined />,
  trades: <ToolOutlined />,
  categories: <TagsOutlined />,
  users: <UserOutlined />,
  organisation: <SettingOutlined />,
};
