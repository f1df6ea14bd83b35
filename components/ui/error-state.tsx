"use client";
import type { ReactNode } from "react";
import { Button } from "./button";

/** A failed load, shown where the content would be, with a way to try again. */
export function ErrorState({
  title = "This page could not be loaded",
  message,
  onRetry,
  isRetrying = false,
  action,
}: {
  title?: string;
  message: ReactNode;
  onRetry?: () => void;
  isRetrying?: boolean;
  action?: ReactNode;
}) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-5 py-4">
      <h2 className="text-sm font-semibold text-red-900">{title}</h2>
      <div className="mt-1 text-sm text-red-800">{message}</div>
      {onRetry || action ? (
        <div className="mt-3 flex gap-2">
          {onRetry ? (
            <Button variant="secondary" size="sm" onClick={onRetry} isPending={isRetrying}>
              Retry
            </Button>
          ) : null}
          {action}
        </div>
      ) : null}
    </div>
  );
}
