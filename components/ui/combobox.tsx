"use client";
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { cx } from "./cx";
import { Input } from "./input";

export interface ComboboxOption {
  id: string;
  label: string;
  /** A second line under the label (counts, state). */
  detail?: string;
  /** Why the option cannot be chosen; the option is shown disabled, with this reason. */
  disabledReason?: string | null;
}

export interface ComboboxProps {
  /** The input's id, aria-invalid and aria-describedby, as <Field> hands them out. */
  id: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  /** Accessible name of the list of options. */
  listLabel: string;
  inputValue: string;
  onInputChange: (value: string) => void;
  options: ComboboxOption[];
  selectedId: string | null;
  onSelect: (option: ComboboxOption) => void;
  /** Shown under the options: loading, no results, "showing 20 of 57". */
  status?: ReactNode;
  placeholder?: string;
  disabled?: boolean;
}

/**
 * An editable ARIA combobox with a listbox popup (WAI-ARIA APG "list autocomplete"): typing filters
 * and opens the list; ArrowDown/ArrowUp move the active option, Enter chooses it, Escape closes the
 * list (or clears the text when it is closed). Focus stays in the input throughout; disabled
 * options can be reached, so their reason is read out, but not chosen.
 */
export function Combobox({
  id,
  "aria-invalid": ariaInvalid,
  "aria-describedby": describedBy,
  listLabel,
  inputValue,
  onInputChange,
  options,
  selectedId,
  onSelect,
  status,
  placeholder,
  disabled = false,
}: ComboboxProps) {
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;
  const activeIndex = active < options.length ? active : -1;

  useEffect(() => {
    if (isOpen && activeIndex >= 0) document.getElementById(`${listId}-option-${activeIndex}`)?.scrollIntoView({ block: "nearest" });
  }, [isOpen, activeIndex, listId]);

  const open = (at: number) => {
    setOpen(true);
    setActive(at);
  };

  const choose = (option: ComboboxOption | undefined) => {
    if (!option || option.disabledReason) return;
    onSelect(option);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const last = options.length - 1;
    const selected = options.findIndex((o) => o.id === selectedId);
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!isOpen) open(selected >= 0 ? selected : 0);
        else setActive(Math.min(activeIndex + 1, last));
        break;
      case "ArrowUp":
        e.preventDefault();
        if (!isOpen) open(selected >= 0 ? selected : last);
        else setActive(Math.max(activeIndex - 1, 0));
        break;
      case "Enter":
        // Enter picks an option; it never submits the surrounding form while the list is open.
        if (isOpen) {
          e.preventDefault();
          choose(options[activeIndex]);
        }
        break;
      case "Escape":
        if (isOpen) {
          e.preventDefault();
          setOpen(false);
        } else if (inputValue) {
          e.preventDefault();
          onInputChange("");
        }
        break;
    }
  };

  return (
    <div className="relative">
      <Input
        id={id}
        role="combobox"
        type="text"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={isOpen && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-invalid={ariaInvalid}
        aria-describedby={describedBy}
        value={inputValue}
        placeholder={placeholder}
        disabled={disabled}
        className="pr-9"
        onChange={(e) => {
          onInputChange(e.target.value);
          open(-1);
        }}
        onClick={() => !isOpen && open(-1)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="pointer-events-none absolute top-2.5 right-3 h-4 w-4 text-slate-400">
        <path d="M10 3a.75.75 0 0 1 .55.24l3.25 3.5a.75.75 0 1 1-1.1 1.02L10 4.85 7.3 7.76a.75.75 0 0 1-1.1-1.02l3.25-3.5A.75.75 0 0 1 10 3Zm-3.76 9.2a.75.75 0 0 1 1.06.04L10 15.15l2.7-2.91a.75.75 0 1 1 1.1 1.02l-3.25 3.5a.75.75 0 0 1-1.1 0l-3.25-3.5a.75.75 0 0 1 .04-1.06Z" />
      </svg>
      <div
        hidden={!isOpen}
        // Keep focus in the input: a click on an option or the scrollbar must not blur it (which closes the list).
        onMouseDown={(e) => e.preventDefault()}
        className="absolute z-30 mt-1 w-full overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg"
      >
        <ul id={listId} role="listbox" aria-label={listLabel} className={cx("max-h-64 overflow-y-auto", options.length > 0 && "p-1")}>
          {options.map((option, i) => {
            const isSelected = option.id === selectedId;
            const isDisabled = Boolean(option.disabledReason);
            return (
              <li
                key={option.id}
                id={optionId(i)}
                role="option"
                aria-selected={isSelected}
                aria-disabled={isDisabled || undefined}
                onClick={() => choose(option)}
                onMouseMove={() => activeIndex !== i && setActive(i)}
                className={cx(
                  "flex items-center justify-between gap-3 rounded px-3 py-2 text-sm",
                  i === activeIndex && "bg-slate-100",
                  isDisabled ? "cursor-not-allowed text-slate-400" : "cursor-pointer text-slate-800",
                )}
              >
                <span className="min-w-0">
                  <span className={cx("block truncate", !isDisabled && "font-medium")}>{option.label}</span>
                  {option.detail ? <span className={cx("block text-xs", isDisabled ? "text-slate-400" : "text-slate-500")}>{option.detail}</span> : null}
                </span>
                {option.disabledReason ? (
                  <span className="shrink-0 text-xs text-slate-500">{option.disabledReason}</span>
                ) : isSelected ? (
                  <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 shrink-0 text-brand-600">
                    <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
                  </svg>
                ) : null}
              </li>
            );
          })}
        </ul>
        {status ? (
          <div aria-live="polite" className={cx("px-3 py-2 text-sm text-slate-500", options.length > 0 && "border-t border-slate-100 text-xs")}>
            {status}
          </div>
        ) : null}
      </div>
    </div>
  );
}
