import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * Third-party code every screen needs, split from app code so that a release only
 * invalidates the app's own chunks. antd's individual components are deliberately not
 * listed: they follow the lazily loaded screens that use them, which keeps the first load
 * (sign-in, the public estate page) about a quarter smaller than one big antd chunk.
 */
const VENDOR_GROUPS = [
  { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 40 },
  {
    name: "antd",
    test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color)|antd[\\/]es[\\/](_util|config-provider|theme|locale|style|app|version)|@rc-component[\\/](util|motion|context|portal|resize-observer)|@emotion|stylis|dayjs)[\\/]/,
    priority: 30,
  },
  { name: "vendor", test: /node_modules[\\/](i18next|react-i18next|@tanstack|zod)[\\/]/, priority: 20 },
];

// The API server (apps/server) serves the built app in production; in development Vite
// serves the app and forwards /api to a locally running server.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/api": { target: "http://localhost:3000", changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: VENDOR_GROUPS },
      },
    },
  },
});
