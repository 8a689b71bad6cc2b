import { render } from "@testing-library/react";
import type { ReactElement } from "react";

import { Providers } from "../app/providers.tsx";

/** Renders inside the app's own providers (query client, tRPC client, i18n in Chinese, antd). */
export function renderWithProviders(ui: ReactElement) {
  return render(<Providers>{ui}</Providers>);
}
