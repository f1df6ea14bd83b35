"use client";
import { Button, type ButtonProps } from "./button";
import { useToast } from "./toast";

/**
 * Copies `value` to the clipboard and says so. When the browser refuses (no permission, insecure
 * origin), the viewer is asked to copy by hand and `onFallback` can select the text for them.
 */
export function CopyButton({
  value,
  label,
  onFallback,
  ...rest
}: { value: string; /** Accessible name, e.g. "Copy SCIM base URL". */ label: string; onFallback?: () => void } & Omit<ButtonProps, "onClick" | "children">) {
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      toast({ title: "Copied" });
    } catch {
      onFallback?.();
      toast({ title: "Could not copy", description: "Your browser blocked the clipboard. Select the text and copy it yourself.", tone: "error" });
    }
  };
  return (
    <Button variant="secondary" aria-label={label} onClick={() => void copy()} {...rest}>
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-slate-500">
        <path d="M7 3.5A1.5 1.5 0 0 1 8.5 2h6A1.5 1.5 0 0 1 16 3.5v9a1.5 1.5 0 0 1-1.5 1.5h-6A1.5 1.5 0 0 1 7 12.5v-9Z" />
        <path d="M4 6.5A1.5 1.5 0 0 1 5.5 5H6v7.5A2.5 2.5 0 0 0 8.5 15H13v.5a1.5 1.5 0 0 1-1.5 1.5h-6A1.5 1.5 0 0 1 4 15.5v-9Z" />
      </svg>
      Copy
    </Button>
  );
}
