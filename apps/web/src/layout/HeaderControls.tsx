import { GlobalOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import type { Locale } from "@estate-desk/domain";
import { LOCALES } from "@estate-desk/domain";
import { Button, Dropdown, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useLogout, useMe } from "../api/session";
import { useFeedback } from "../components/feedback";
import { changeLocale, useLocale } from "../i18n";

export function LanguageSwitch({ variant = "outlined" }: { variant?: "outlined" | "borderless" }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Select<Locale>
      aria-label={t("header.language")}
      value={locale}
      onChange={(value) => void changeLocale(value)}
      variant={variant}
      suffixIcon={<GlobalOutlined />}
      popupMatchSelectWidth={false}
      options={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
    />
  );
}

/** The signed-in user's name with change-password and sign-out. */
export function UserMenu({ accountPath, buttonClassName }: { accountPath: string; buttonClassName?: string }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { success } = useFeedback();
  if (!me) return null;
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "password", icon: <KeyOutlined />, label: t("header.changePassword") },
          { type: "divider" },
          { key: "logout", icon: <LogoutOutlined />, label: t("header.signOut"), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === "password") {
            void navigate(accountPath);
          } else if (key === "logout") {
            logout.mutate(undefined, {
              onSettled: () => {
                success(t("header.signedOutMessage"));
                void navigate("/login", { replace: true });
              },
            });
          }
        },
      }}
    >
      <Button type="text" icon={<UserOutlined />} aria-label={t("header.userMenu")} className={buttonClassName}>
        {me.displayName}
      </Button>
    </Dropdown>
  );
}
