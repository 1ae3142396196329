import { ROLE_LABELS, type Role, STAFF_ROLES, type StaffUser } from "@estate-desk/domain";
import { Flex, Form, Input, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { useDepartments, useTrades } from "../../../api/catalog";
import { type StaffUserInput, useCreateUser, useUpdateUser } from "../../../api/people";
import { useAllEstates } from "../../../api/places";
import { FormActions } from "../../../components/FormActions";
import { FormDrawer } from "../../../components/FormDrawer";
import { useFeedback } from "../../../components/feedback";
import { emptyToNull, normalisePhone, useRules, useServerFieldErrors } from "../../../components/formRules";
import { labelText, useLocale } from "../../../i18n";

interface UserFormValues {
  username: string;
  displayName: string;
  phone?: string;
  email?: string;
  password?: string;
  roles: Role[];
  allEstates: boolean;
  estateIds: string[];
  departmentIds: string[];
  tradeIds: string[];
}

interface UserFormDrawerProps {
  open: boolean;
  user: StaffUser | null;
  readOnly: boolean;
  onClose: () => void;
}

export function UserFormDrawer(props: UserFormDrawerProps) {
  const { t } = useTranslation();
  const { user } = props;
  return (
    <FormDrawer
      open={props.open}
      title={user ? (props.readOnly ? user.displayName : t("users.editTitle")) : t("users.createTitle")}
      onClose={props.onClose}
      width={600}
      audit={user ? { entityType: "user", entityId: user.id } : null}
    >
      <UserForm {...props} />
    </FormDrawer>
  );
}

/** Options for ids the picker list may not contain (a deactivated department still assigned). */
function withUnknown(options: { value: string; label: string }[], ids: readonly string[]) {
  const known = new Set(options.map((option) => option.value));
  return [...options, ...ids.filter((id) => !known.has(id)).map((id) => ({ value: id, label: id }))];
}

function UserForm({ user, readOnly, onClose }: UserFormDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = useRules();
  const { success, failure } = useFeedback();
  const markFields = useServerFieldErrors();
  const [form] = Form.useForm<UserFormValues>();
  const allEstates = Form.useWatch("allEstates", form);
  const estates = useAllEstates();
  const departments = useDepartments();
  const trades = useTrades();
  const create = useCreateUser();
  const update = useUpdateUser();
  const labels: Record<string, string> = {
    username: t("users.username"),
    displayName: t("users.displayName"),
    phone: t("users.phone"),
    email: t("users.email"),
    password: t("users.password"),
    roles: t("users.roles"),
    allEstates: t("users.allEstates"),
    estateIds: t("users.estates"),
    departmentIds: t("users.departments"),
    tradeIds: t("users.trades"),
  };

  const roleOptions = STAFF_ROLES.map((role) => ({ value: role, label: labelText(ROLE_LABELS[role], locale) }));
  const estateOptions = withUnknown(
    (estates.data ?? []).map((estate) => ({ value: estate.id, label: estate.name })),
    user?.estateIds ?? [],
  );
  const departmentOptions = withUnknown(
    (departments.data ?? []).map((department) => ({ value: department.id, label: department.name })),
    user?.departmentIds ?? [],
  );
  const tradeOptions = withUnknown(
    (trades.data ?? []).map((trade) => ({ value: trade.id, label: trade.name })),
    user?.tradeIds ?? [],
  );

  const onFinish = (values: UserFormValues) => {
    const common = {
      displayName: values.displayName.trim(),
      phone: emptyToNull(values.phone) === null ? null : normalisePhone(values.phone ?? ""),
      email: emptyToNull(values.email),
      roles: values.roles,
      allEstates: values.allEstates,
      // All-estates staff need no list; sending none keeps the two settings from disagreeing.
      estateIds: values.allEstates ? [] : values.estateIds,
      departmentIds: values.departmentIds,
      tradeIds: values.tradeIds,
    };
    const options = {
      onSuccess: () => {
        success(user ? t("common.saved") : t("common.created"));
        onClose();
      },
      onError: (error: Error) => {
        markFields(form, error, labels, t("errors.unknown"));
        failure(error);
      },
    };
    if (user) {
      update.mutate({ id: user.id, ...common }, options);
    } else {
      const input: StaffUserInput = { ...common, username: values.username.trim(), password: values.password ?? "" };
      create.mutate(input, options);
    }
  };

  return (
    <Form<UserFormValues>
      form={form}
      layout="vertical"
      disabled={readOnly}
      initialValues={
        user
          ? {
              ...user,
              phone: user.phone ?? "",
              email: user.email ?? "",
            }
          : { roles: [], allEstates: false, estateIds: [], departmentIds: [], tradeIds: [] }
      }
      onFinish={onFinish}
      requiredMark="optional"
    >
      <Form.Item
        name="displayName"
        label={labels.displayName}
        rules={[rules.required(t("users.displayName")), rules.max(50)]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="username"
        label={labels.username}
        required
        rules={user ? [] : [rules.required(t("users.username")), rules.username]}
      >
        <Input autoComplete="off" disabled={user !== null} />
      </Form.Item>
      {user ? null : (
        <Form.Item
          name="password"
          label={labels.password}
          rules={[rules.required(t("users.password")), rules.strongPassword]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Flex gap={12} wrap>
        <Form.Item name="phone" label={labels.phone} rules={[rules.phone]} style={{ flex: "1 1 200px" }}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="email"
          label={labels.email}
          rules={[rules.email, rules.max(200)]}
          style={{ flex: "1 1 200px" }}
        >
          <Input inputMode="email" autoComplete="off" />
        </Form.Item>
      </Flex>
      <Form.Item name="roles" label={labels.roles} rules={[rules.select(t("users.roles"))]}>
        <Select mode="multiple" options={roleOptions} showSearch={{ optionFilterProp: "label" }} />
      </Form.Item>
      <Form.Item name="allEstates" label={labels.allEstates} valuePropName="checked">
        <Switch />
      </Form.Item>
      {allEstates ? null : (
        <Form.Item name="estateIds" label={labels.estateIds}>
          <Select
            mode="multiple"
            loading={estates.isPending}
            options={estateOptions}
            showSearch={{ optionFilterProp: "label" }}
          />
        </Form.Item>
      )}
      <Form.Item name="departmentIds" label={labels.departmentIds}>
        <Select
          mode="multiple"
          loading={departments.isPending}
          options={departmentOptions}
          showSearch={{ optionFilterProp: "label" }}
        />
      </Form.Item>
      <Form.Item name="tradeIds" label={labels.tradeIds}>
        <Select
          mode="multiple"
          loading={trades.isPending}
          options={tradeOptions}
          showSearch={{ optionFilterProp: "label" }}
        />
      </Form.Item>
      {readOnly ? null : <FormActions saving={create.isPending || update.isPending} onCancel={onClose} />}
    </Form>
  );
}
