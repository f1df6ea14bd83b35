"use client";
import { useEffect, useState } from "react";

/** `value`, once it has stopped changing for `ms` milliseconds: search-as-you-type without a request per key. */
export function useDebounced<T>(value: T, ms = 250) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}
