import { Grid } from "antd";

/**
 * True below antd's md breakpoint (768 px): a phone. The menu becomes a drawer there, and unit
 * staff get the bottom navigation (issue #20). Before antd has measured the window it is false.
 */
export function usePhone(): boolean {
  return !(Grid.useBreakpoint().md ?? true);
}
