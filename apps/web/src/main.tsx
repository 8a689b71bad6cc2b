import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";

import { Providers } from "./app/providers.tsx";
import { router } from "./app/router.tsx";
import { loadLocale, storedLocale } from "./lib/i18n.tsx";

import "./styles.css";

// English texts are a chunk of their own (issue #20): someone who chose English waits for them,
// so the first screen is not Chinese for a moment; Chinese starts at once.
void loadLocale(storedLocale())
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById("root")!).render(
      <StrictMode>
        <Providers>
          <RouterProvider router={router} />
        </Providers>
      </StrictMode>,
    ),
  );
