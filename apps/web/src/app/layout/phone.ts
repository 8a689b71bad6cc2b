import { Grid } from "antd";

/**
 * True below antd's md breakpoint (768 px): a phone. The menu becomes a drawer there, and unit
 * staff get the bottom navigation (issue #20). Before antd has measured the window it is false.
 */
export function usePhone(): boolean {
  return !(Grid.useBreakpoint().md ?? true);
}

/**
 * The same question asked of the screen at once, for code that runs before usePhone has measured
 * (starting a download in a first effect): below 768 px, antd's md.
 */
export function phoneScreen(): boolean {
  return (
    typeof window.matchMedia === "function" && !window.matchMedia("(min-width: 768px)").matches
  );
}
