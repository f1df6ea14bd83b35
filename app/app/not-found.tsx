import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ConsoleNotFound() {
  return (
    <EmptyState
      title="Page not found"
      description="This page does not exist, or your account cannot open it."
      action={
        <Link href="/app" className={buttonClasses({ variant: "secondary" })}>
          Go to the console
        </Link>
      }
    />
  );
}
