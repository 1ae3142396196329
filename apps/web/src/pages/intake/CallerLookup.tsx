import { SearchOutlined, UserAddOutlined } from "@ant-design/icons";
import { RESIDENT_RELATION_LABELS } from "@estate-desk/domain";
import { Alert, Button, Input, Spin, Typography } from "antd";
import { type KeyboardEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useIntakeLookup } from "../../api/cases";
import { CaseMiniList } from "../../components/CaseMiniList";
import { useErrorText } from "../../components/feedback";
import { useDebouncedValue } from "../../components/useDebouncedValue";
import { labelText, useLocale } from "../../i18n";
import { flatChoices, type LookupChoice, lookupGroups } from "./lookupChoices";
import { classifyLookup, lookupQuery, typedPhone } from "./lookupInput";

export const LOOKUP_INPUT_ID = "intake-lookup";

interface CallerLookupProps {
  /** A resident (with a unit) or a unit (with an unregistered caller) was picked. */
  onPick: (choice: LookupChoice, typedPhone: string | null) => void;
  /** Nobody registered matches: take the caller down as a visitor with the number typed. */
  onVisitor: (typedPhone: string | null) => void;
}

/**
 * The lookup box at the top of the intake screen: a phone number, its last digits or a unit
 * number finds the resident and their open cases, so that the clerk sees at once whether the
 * caller is chasing a case already registered. Arrow keys move through the results.
 */
export function CallerLookup({ onPick, onVisitor }: CallerLookupProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorText = useErrorText();
  const [text, setText] = useState("");
  const settled = useDebouncedValue(text, 250);
  const input = classifyLookup(settled);
  const query = lookupQuery(input);
  const lookup = useIntakeLookup(query);
  const groups = query === null ? [] : lookupGroups(lookup.data);
  const choices = flatChoices(groups);
  const buttons = useRef<(HTMLElement | null)[]>([]);

  const focusChoice = (index: number) => {
    if (index < 0) {
      document.getElementById(LOOKUP_INPUT_ID)?.focus();
      return;
    }
    buttons.current[Math.min(index, choices.length - 1)]?.focus();
  };

  const onChoiceKey = (event: KeyboardEvent<HTMLElement>, index: number) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      focusChoice(index + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      focusChoice(index - 1);
    } else if (event.key === "Escape") {
      focusChoice(-1);
    }
  };

  const hint = (() => {
    switch (input.kind) {
      case "tooShort":
        return t("intake.lookup.tooShort");
      case "other":
        return t("intake.lookup.other");
      case "caseNumber":
        return t("intake.lookup.caseNumber");
      default:
        return null;
    }
  })();
  const nothingFound = query !== null && lookup.isSuccess && !lookup.isPlaceholderData && groups.length === 0;
  let index = -1;

  return (
    <div className="caller-lookup">
      <Input
        id={LOOKUP_INPUT_ID}
        size="large"
        autoFocus
        allowClear
        prefix={<SearchOutlined />}
        suffix={lookup.isFetching ? <Spin size="small" /> : null}
        aria-label={t("intake.lookup.label")}
        placeholder={t("intake.lookup.placeholder")}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && choices.length > 0) {
            event.preventDefault();
            focusChoice(0);
          } else if (event.key === "Enter" && choices.length === 1) {
            // One match: Enter takes it, the commonest case of a resident calling from their own phone.
            event.preventDefault();
            const only = choices[0];
            if (only) onPick(only, typedPhone(classifyLookup(text)));
          }
        }}
      />
      {hint ? (
        <Typography.Text type="secondary" className="lookup-hint">
          {hint}
        </Typography.Text>
      ) : null}
      {lookup.isError && query !== null ? <Alert type="error" showIcon title={errorText(lookup.error)} /> : null}
      {nothingFound ? (
        <div className="lookup-empty">
          <Typography.Text type="secondary">{t("intake.lookup.nothing")}</Typography.Text>
          <Button icon={<UserAddOutlined />} onClick={() => onVisitor(typedPhone(input))}>
            {t("intake.lookup.asVisitor")}
          </Button>
        </div>
      ) : null}
      {groups.length > 0 ? (
        <section className="lookup-results" aria-label={t("intake.lookup.results")}>
          {groups.map((group) => (
            <div className="lookup-group" key={group.key}>
              <div className="lookup-group-title">
                <Typography.Text strong>{group.title}</Typography.Text>
                {group.subtitle ? <Typography.Text type="secondary"> {group.subtitle}</Typography.Text> : null}
              </div>
              <div className="lookup-choices">
                {group.choices.map((choice) => {
                  index += 1;
                  const position = index;
                  const relation = choice.relation
                    ? labelText(RESIDENT_RELATION_LABELS[choice.relation], locale)
                    : null;
                  const who =
                    choice.residentId === null
                      ? t("intake.lookup.otherCaller")
                      : [choice.name, relation, choice.phone].filter(Boolean).join(" · ");
                  const where =
                    choice.unitLabel === null ? t("intake.lookup.noUnit") : `${choice.estateName} ${choice.unitLabel}`;
                  return (
                    <Button
                      key={choice.key}
                      ref={(element) => {
                        buttons.current[position] = element;
                      }}
                      className="lookup-choice"
                      onKeyDown={(event) => onChoiceKey(event, position)}
                      onClick={() => onPick(choice, typedPhone(classifyLookup(text)))}
                    >
                      {group.type === "resident" ? where : who}
                    </Button>
                  );
                })}
              </div>
              {group.openCases.length > 0 ? (
                <div className="lookup-open-cases">
                  <Typography.Text type="warning">
                    {t("intake.lookup.openCases", { count: group.openCases.length })}
                  </Typography.Text>
                  <CaseMiniList cases={group.openCases} newTab />
                </div>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
