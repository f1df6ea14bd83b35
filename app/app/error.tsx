"use client";
import { ErrorState } from "@/components/ui/error-state";

// Unexpected rendering failures of a console page; data errors are shown in place by each screen.
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState
      title="Something went wrong on this page"
      message={error.digest ? `Try again. If it keeps failing, quote reference ${error.digest} when reporting it.` : "Try again in a moment."}
      onRetry={reset}
    />
  );
}
