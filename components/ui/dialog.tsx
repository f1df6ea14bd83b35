"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { cx } from "./cx";

export interface DialogProps {
  open: boolean;
  /** Called on Escape, the close button, a backdrop click or Cancel. Ignored while `isBusy`. */
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** Blocks closing while a request runs. */
  isBusy?: boolean;
  size?: "sm" | "md";
  /** Element to focus when the dialog opens; defaults to the first focusable one. */
  initialFocusRef?: React.RefObject<HTMLElement | null>;
}

/**
 * A modal on the native <dialog> element: showModal() makes the rest of the page inert (focus stays
 * inside), Escape closes, focus returns to the opener on close.
 */
export function Dialog({ open, onClose, title, description, children, footer, isBusy = false, size = "md", initialFocusRef }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  const busyRef = useRef(isBusy);
  useEffect(() => {
    onCloseRef.current = onClose;
    busyRef.current = isBusy;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      const target =
        initialFocusRef?.current ??
        dialog.querySelector<HTMLElement>("[data-autofocus], input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])");
      target?.focus();
      return () => {
        if (dialog.open) dialog.close();
        if (opener?.isConnected) opener.focus();
      };
    }
  }, [open, initialFocusRef]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancel = (e: Event) => {
      e.preventDefault(); // the parent owns `open`
      if (!busyRef.current) onCloseRef.current();
    };
    dialog.addEventListener("cancel", onCancel);
    return () => dialog.removeEventListener("cancel", onCancel);
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      aria-modal="true"
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself; the panel fills the box otherwise.
        if (e.target === e.currentTarget && !busyRef.current) onCloseRef.current();
      }}
      className={cx(
        "m-auto w-[calc(100%-2rem)] rounded-xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40",
        size === "sm" ? "max-w-md" : "max-w-lg",
      )}
    >
      {open ? (
        <div className="flex max-h-[85vh] flex-col">
          <div className="flex items-start justify-between gap-4 px-6 pt-5">
            <div>
              <h2 id={titleId} className="text-lg font-semibold">
                {title}
              </h2>
              {description ? (
                <div id={descriptionId} className="mt-1 text-sm text-slate-600">
                  {description}
                </div>
              ) : null}
            </div>
            <button
              type="button"
              onClick={() => !isBusy && onClose()}
              disabled={isBusy}
              aria-label="Close"
              className="-mr-2 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-50"
            >
              <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
                <path d="M5.3 4.3a1 1 0 0 0-1.4 1.4L8.6 10l-4.7 4.3a1 1 0 1 0 1.4 1.4L10 11.4l4.3 4.3a1 1 0 0 0 1.4-1.4L11.4 10l4.3-4.3a1 1 0 0 0-1.4-1.4L10 8.6 5.3 4.3Z" />
              </svg>
            </button>
          </div>
          {children ? <div className="overflow-y-auto px-6 pt-4">{children}</div> : null}
          {footer ? <div className="mt-6 flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-6 py-3 rounded-b-xl">{footer}</div> : <div className="pb-6" />}
        </div>
      ) : null}
    </dialog>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  /** The consequence, in a sentence: what happens and whether it can be undone. */
  consequence: ReactNode;
  confirmLabel: string;
  tone?: "danger" | "primary";
  isPending?: boolean;
  /** An error from the last attempt, shown in place. */
  error?: string | null;
  children?: ReactNode;
}

/** Asks before an action that changes or destroys something, naming what will happen. */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  consequence,
  confirmLabel,
  tone = "danger",
  isPending = false,
  error,
  children,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={consequence}
      isBusy={isPending}
      size="sm"
      initialFocusRef={cancelRef}
      footer={
        <>
          <Button ref={cancelRef} variant="secondary" onClick={onClose} disabled={isPending}>
            Cancel
          </Button>
          <Button variant={tone} onClick={onConfirm} isPending={isPending}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {error || children ? (
        <div className="space-y-3">
          {children}
          {error ? <Alert tone="danger">{error}</Alert> : null}
        </div>
      ) : null}
    </Dialog>
  );
}
