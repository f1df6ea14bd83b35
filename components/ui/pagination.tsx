"use client";
import { Button } from "./button";

/** Previous / Next paging with the position stated in words. */
export function Pagination({
  pagination,
  onPageChange,
  nouns = ["item", "items"],
  isFetching = false,
}: {
  pagination: { currentPage: number; totalPages: number; totalCount: number };
  onPageChange: (page: number) => void;
  /** Singular and plural of what is counted. */
  nouns?: [string, string];
  isFetching?: boolean;
}) {
  const { currentPage: page, totalPages, totalCount } = pagination;
  const noun = totalCount === 1 ? nouns[0] : nouns[1];
  if (totalPages <= 1) {
    return (
      <p className="mt-3 text-sm text-slate-500">
        {totalCount} {noun}
      </p>
    );
  }
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between gap-4">
      <p className="text-sm text-slate-500" aria-live="polite">
        Page {page} of {totalPages} · {totalCount} {noun}
      </p>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={page <= 1 || isFetching} onClick={() => onPageChange(page - 1)}>
          Previous
        </Button>
        <Button variant="secondary" size="sm" disabled={page >= totalPages || isFetching} onClick={() => onPageChange(page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
