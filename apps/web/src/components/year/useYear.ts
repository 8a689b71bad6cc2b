import { useCallback } from "react";
import { useSearchParams } from "react-router";

import { parseYearParam } from "./year-param.ts";

/**
 * The year filter of the plan pages, kept in the URL (`?year=2025`) so a link shares it and the
 * side menu carries it from page to page; undefined is "all years".
 */
export function useYear(): [number | undefined, (year: number | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const year = parseYearParam(params.get("year"));
  const setYear = useCallback(
    (next: number | undefined) =>
      setParams(
        (p) => {
          const out = new URLSearchParams(p);
          if (next === undefined) out.delete("year");
          else out.set("year", String(next));
          return out;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [year, setYear];
}
