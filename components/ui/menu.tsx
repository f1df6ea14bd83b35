"use client";
import Link from "next/link";
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type KeyboardEvent, type ReactNode } from "react";
import { cx } from "./cx";

interface MenuContextValue {
  close: (refocus?: boolean) => void;
}

const MenuContext = createContext<MenuContextValue | null>(null);

const itemClasses =
  "flex w-full items-center gap-2 rounded px-3 py-2 text-left text-sm text-slate-700 outline-none hover:bg-slate-100 focus:bg-slate-100 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50";

function items(menu: HTMLElement | null) {
  return menu ? Array.from(menu.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])')) : [];
}

/**
 * An ARIA menu button: Enter, Space or ArrowDown opens it on the first item, ArrowUp on the last;
 * arrows, Home and End move between items; Escape closes and returns focus to the button; Tab and
 * a click outside close it.
 */
export function Menu({
  label,
  children,
  align = "end",
  buttonClassName,
  buttonLabel,
}: {
  /** The button's content. */
  label: ReactNode;
  /** Accessible name of the button when `label` is not plain text. */
  buttonLabel?: string;
  children: ReactNode;
  align?: "start" | "end";
  buttonClassName?: string;
}) {
  const [open, setOpen] = useState(false);
  const [focusOn, setFocusOn] = useState<"first" | "last">("first");
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const buttonId = useId();

  const close = useCallback((refocus = true) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const list = items(menuRef.current);
    (focusOn === "first" ? list[0] : list[list.length - 1])?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, focusOn]);

  const openAt = (where: "first" | "last") => {
    setFocusOn(where);
    setOpen(true);
  };

  const onButtonKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === "ArrowDown" || e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      openAt("first");
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      openAt("last");
    }
  };

  const onMenuKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = items(menuRef.current);
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        move(index + 1);
        break;
      case "ArrowUp":
        e.preventDefault();
        move(index - 1);
        break;
      case "Home":
        e.preventDefault();
        move(0);
        break;
      case "End":
        e.preventDefault();
        move(list.length - 1);
        break;
      case "Escape":
        e.preventDefault();
        close(true);
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  };

  return (
    <MenuContext.Provider value={{ close }}>
      <div ref={rootRef} className="relative inline-block text-left">
        <button
          ref={buttonRef}
          id={buttonId}
          type="button"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          aria-label={buttonLabel}
          onClick={() => (open ? setOpen(false) : openAt("first"))}
          onKeyDown={onButtonKeyDown}
          className={
            buttonClassName ??
            "inline-flex h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
          }
        >
          {label}
          <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-slate-500">
            <path d="M5.2 7.5a.75.75 0 0 1 1.06 0L10 11.2l3.74-3.7a.75.75 0 1 1 1.06 1.06l-4.27 4.24a.75.75 0 0 1-1.06 0L5.2 8.56a.75.75 0 0 1 0-1.06Z" />
          </svg>
        </button>
        {open ? (
          <div
            ref={menuRef}
            id={menuId}
            role="menu"
            aria-labelledby={buttonLabel ? undefined : buttonId}
            aria-label={buttonLabel}
            onKeyDown={onMenuKeyDown}
            className={cx(
              "absolute z-30 mt-1 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg",
              align === "end" ? "right-0" : "left-0",
            )}
          >
            {children}
          </div>
        ) : null}
      </div>
    </MenuContext.Provider>
  );
}

function useMenu() {
  const ctx = useContext(MenuContext);
  if (!ctx) throw new Error("Menu items must be rendered inside <Menu>");
  return ctx;
}

/** A menu item that runs an action, or submits its form when `type="submit"`. */
export function MenuItem({ children, onSelect, className, type = "button", ...rest }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "onSelect"> & { onSelect?: () => void }) {
  const { close } = useMenu();
  return (
    <button
      role="menuitem"
      tabIndex={-1}
      type={type}
      className={cx(itemClasses, className)}
      onClick={() => {
        // Focus returns to the menu button first, so a dialog opened by onSelect restores it there.
        if (type !== "submit") close(true);
        onSelect?.();
      }}
      {...rest}
    >
      {children}
    </button>
  );
}

/** A menu item that navigates. */
export function MenuLink({ href, children }: { href: string; children: ReactNode }) {
  const { close } = useMenu();
  return (
    <Link href={href} role="menuitem" tabIndex={-1} className={itemClasses} onClick={() => close(false)}>
      {children}
    </Link>
  );
}

export function MenuSeparator() {
  return <div role="separator" className="my-1 h-px bg-slate-200" />;
}

/** Non-interactive text at the top of a menu (e.g. who is signed in). */
export function MenuLabel({ children }: { children: ReactNode }) {
  return (
    <div role="presentation" className="px-3 py-2 text-xs text-slate-500">
      {children}
    </div>
  );
}
