import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { setUnauthenticatedHandler } from "./api/client";
import { ME_KEY } from "./api/session";
import { AppProviders } from "./app/AppProviders";
import { createQueryClient } from "./app/queryClient";
import { createAppRouter } from "./app/router";
import { initI18n } from "./i18n";
import "./app/global.css";

async function start(): Promise<void> {
  await initI18n();
  const queryClient = createQueryClient();
  const router = createAppRouter();
  // A lost session anywhere: forget the user; the route guards then send them to sign-in.
  setUnauthenticatedHandler(() => queryClient.setQueryData(ME_KEY, null));

  const container = document.getElementById("root");
  if (container === null) throw new Error("index.html lacks #root");
  createRoot(container).render(
    <StrictMode>
      <AppProviders queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  console.error(error);
});
